; HAND-WRITTEN for parser edge cases; not compiler output.
; atomicrmw operations added after LLVM 19 (usub_cond, usub_sat, fmaximum,
; fminimum) and other syntax that needs llvm-as-22.
source_filename = "atomics-llvm22.ll"
target triple = "x86_64-unknown-linux-gnu"

define void @rmw_new(ptr %p, ptr %f, i32 %v, float %x) {
entry:
  %0 = atomicrmw usub_cond ptr %p, i32 %v monotonic, align 4
  %1 = atomicrmw usub_sat ptr %p, i32 %v seq_cst, align 4
  %2 = atomicrmw fmaximum ptr %f, float %x monotonic, align 4
  %3 = atomicrmw fminimum ptr %f, float %x acquire, align 4
  %4 = atomicrmw volatile usub_sat ptr %p, i32 1 syncscope("singlethread") release, align 4
  %5 = atomicrmw fmaximum ptr %f, <2 x half> <half 0xH3C00, half 0xH4000> monotonic, align 4
  ret void
}

; Newer flags and attributes.
define i64 @newer_syntax(ptr %p, i64 %a, i64 %b) {
entry:
  %g = getelementptr nusw nuw i8, ptr %p, i64 8
  %t = trunc nuw nsw i64 %a to i32
  %z = zext nneg i32 %t to i64
  %d = or disjoint i64 %z, 1
  %c = icmp samesign ult i64 %a, %b
  %u = uitofp nneg i64 %d to double
  %s = select i1 %c, i64 %a, i64 %b
  %l = load i64, ptr %g, align 8
  %r = add i64 %s, %l
  ret i64 %r
}
