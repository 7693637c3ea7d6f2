; HAND-WRITTEN for parser edge cases; not compiler output.
; Every atomicrmw operation of LLVM 19, cmpxchg (weak, volatile, syncscope),
; atomic loads and stores with every ordering, and fences with syncscopes.
source_filename = "atomics.ll"
target triple = "x86_64-unknown-linux-gnu"

define void @rmw_all(ptr %p, ptr %f, ptr %q, i32 %v, float %x) {
entry:
  %0 = atomicrmw xchg ptr %p, i32 %v monotonic, align 4
  %1 = atomicrmw add ptr %p, i32 1 acquire, align 4
  %2 = atomicrmw sub ptr %p, i32 1 release, align 4
  %3 = atomicrmw and ptr %p, i32 255 acq_rel, align 4
  %4 = atomicrmw nand ptr %p, i32 %v seq_cst, align 4
  %5 = atomicrmw or ptr %p, i32 16 monotonic, align 4
  %6 = atomicrmw xor ptr %p, i32 %v monotonic, align 4
  %7 = atomicrmw max ptr %p, i32 %v monotonic, align 4
  %8 = atomicrmw min ptr %p, i32 %v monotonic, align 4
  %9 = atomicrmw umax ptr %p, i32 %v monotonic, align 4
  %10 = atomicrmw umin ptr %p, i32 %v monotonic, align 4
  %11 = atomicrmw fadd ptr %f, float %x monotonic, align 4
  %12 = atomicrmw fsub ptr %f, float %x monotonic, align 4
  %13 = atomicrmw fmax ptr %f, float %x monotonic, align 4
  %14 = atomicrmw fmin ptr %f, float %x monotonic, align 4
  %15 = atomicrmw uinc_wrap ptr %p, i32 %v monotonic, align 4
  %16 = atomicrmw udec_wrap ptr %p, i32 %v monotonic, align 4
  %17 = atomicrmw volatile add ptr %p, i32 1 syncscope("singlethread") seq_cst, align 4
  %18 = atomicrmw xchg ptr %q, ptr null acquire, align 8
  %19 = atomicrmw add ptr %p, i32 1 syncscope("agent") monotonic, align 4, !pcsections !0
  %20 = atomicrmw fadd ptr %f, <2 x half> <half 0xH3C00, half 0xH3C00> monotonic, align 4
  %21 = atomicrmw xchg ptr addrspace(1) null, i64 0 monotonic, align 8
  ret void
}

define { i32, i1 } @cmpxchg_forms(ptr %p, i32 %old, i32 %new, ptr %pp, ptr %n) {
entry:
  %a = cmpxchg ptr %p, i32 %old, i32 %new seq_cst seq_cst, align 4
  %b = cmpxchg weak ptr %p, i32 %old, i32 %new acq_rel monotonic, align 4
  %c = cmpxchg volatile ptr %p, i32 %old, i32 %new release monotonic, align 4
  %d = cmpxchg weak volatile ptr %p, i32 %old, i32 %new syncscope("singlethread") acquire acquire, align 4
  %e = cmpxchg ptr %pp, ptr null, ptr %n syncscope("workgroup") monotonic monotonic, align 8
  %v = extractvalue { i32, i1 } %d, 0
  %ok = extractvalue { i32, i1 } %d, 1
  %r = insertvalue { i32, i1 } %a, i1 %ok, 1
  ret { i32, i1 } %r
}

define i64 @loads_stores_fences(ptr %p) {
entry:
  %a = load atomic i64, ptr %p unordered, align 8
  %b = load atomic i64, ptr %p monotonic, align 8
  %c = load atomic i64, ptr %p acquire, align 8
  %d = load atomic i64, ptr %p seq_cst, align 8
  %e = load atomic volatile i64, ptr %p syncscope("singlethread") acquire, align 8
  %f = load atomic ptr, ptr %p monotonic, align 8, !invariant.group !1
  %g = load atomic double, ptr %p acquire, align 8
  store atomic i64 %a, ptr %p unordered, align 8
  store atomic i64 %b, ptr %p monotonic, align 8
  store atomic i64 %c, ptr %p release, align 8
  store atomic i64 %d, ptr %p seq_cst, align 8
  store atomic volatile i64 %e, ptr %p syncscope("singlethread") release, align 8
  fence acquire
  fence release
  fence acq_rel
  fence seq_cst
  fence syncscope("singlethread") seq_cst
  fence syncscope("agent-one-as") acquire
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  ret i64 %s2
}

!0 = !{!"atomics-section"}
!1 = !{}
