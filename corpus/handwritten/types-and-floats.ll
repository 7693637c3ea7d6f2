; HAND-WRITTEN for parser edge cases; not compiler output.
; Floating-point types and every hex-float spelling, vectors (fixed and
; scalable), splat constants, target extension types, opaque and packed
; structs, and the integer arithmetic flags.
source_filename = "types-and-floats.ll"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%opaque = type opaque
%packed = type <{ i8, i32, i16 }>
%recursive = type { ptr, %packed, [0 x i8] }
%withvec = type { <4 x float>, <vscale x 2 x i64> }

@half.hex = global half 0xH3C00
@bfloat.hex = global bfloat 0xR3F80
@float.dec = global float 1.500000e+00
@float.hex = global float 0x3FF8000000000000
@double.dec = global double -0.000000e+00
@double.hex = global double 0x7FF0000000000000
@double.nan = global double 0x7FF8000000000001
@fp80.hex = global x86_fp80 0xK3FFF8000000000000000
@fp128.hex = global fp128 0xL00000000000000003FFF000000000000
@ppcfp128.hex = global ppc_fp128 0xM3FF00000000000000000000000000000
@i1.true = global i1 true
@i128.big = global i128 170141183460469231731687303715884105727
@i7.odd = global i7 -64
@i256 = global i256 -1

@vec.int = global <4 x i32> <i32 1, i32 -1, i32 0, i32 2147483647>
@vec.splat = global <4 x i32> splat (i32 7)
@vec.splat.f = global <2 x double> splat (double 1.000000e+00)
@vec.zero = global <8 x i16> zeroinitializer
@vec.ptr = global <2 x ptr> <ptr @vec.int, ptr null>
@vec.half = global <2 x half> <half 0xH7C00, half 0xHFC00>
@packed.g = global %packed <{ i8 1, i32 2, i16 3 }>
@ext.none = external global %opaque

define <vscale x 4 x i32> @scalable(<vscale x 4 x i32> %a, <vscale x 4 x i32> %b, i32 %s) {
entry:
  %ins = insertelement <vscale x 4 x i32> poison, i32 %s, i64 0
  %spl = shufflevector <vscale x 4 x i32> %ins, <vscale x 4 x i32> poison, <vscale x 4 x i32> zeroinitializer
  %sum = add <vscale x 4 x i32> %a, %b
  %mul = mul <vscale x 4 x i32> %sum, %spl
  %k = add <vscale x 4 x i32> %mul, splat (i32 1)
  %c = icmp sgt <vscale x 4 x i32> %k, zeroinitializer
  %r = select <vscale x 4 x i1> %c, <vscale x 4 x i32> %k, <vscale x 4 x i32> %a
  ret <vscale x 4 x i32> %r
}

define <4 x float> @fixed(<4 x float> %a, <4 x float> %b, ptr %p) {
entry:
  %s = fadd fast <4 x float> %a, %b
  %m = fmul nnan ninf nsz arcp contract afn reassoc <4 x float> %s, <float 1.0, float 2.0, float 0x3FB99999A0000000, float -0.0>
  %n = fneg <4 x float> %m
  %e = extractelement <4 x float> %n, i32 2
  %i = insertelement <4 x float> %n, float %e, i64 0
  %sh = shufflevector <4 x float> %i, <4 x float> %a, <4 x i32> <i32 0, i32 5, i32 poison, i32 7>
  %c = fcmp olt <4 x float> %sh, zeroinitializer
  %z = zext <4 x i1> %c to <4 x i32>
  %f = uitofp <4 x i32> %z to <4 x float>
  %g = getelementptr float, ptr %p, <4 x i64> <i64 0, i64 1, i64 2, i64 3>
  %v = load <4 x float>, ptr %p, align 16
  %r = fadd <4 x float> %f, %v
  ret <4 x float> %r
}

define x86_fp80 @exotic_floats(half %h, bfloat %b, fp128 %q, ppc_fp128 %pq) {
entry:
  %h2 = fpext half %h to float
  %b2 = fpext bfloat %b to float
  %s = fadd float %h2, %b2
  %d = fpext float %s to double
  %x = fpext double %d to x86_fp80
  %q2 = fptrunc fp128 %q to double
  %pq2 = fptrunc ppc_fp128 %pq to double
  %t = fadd double %q2, %pq2
  %tx = fpext double %t to x86_fp80
  %r = fadd x86_fp80 %x, %tx
  %r2 = fadd x86_fp80 %r, 0xK4000C000000000000000
  %c = fcmp uno x86_fp80 %r2, 0xK7FFFC000000000000000
  %r3 = select i1 %c, x86_fp80 0xK00000000000000000000, x86_fp80 %r2
  %hh = fadd half %h, 0xH3C00
  %bb = fadd bfloat %b, 0xR4000
  ret x86_fp80 %r3
}

declare void @use_handles(target("lkmm.opaque_handle"), target("lkmm.param", i32, 4, 2), target("aarch64.svcount"))

define void @target_types(target("spirv.Image", i8, 1, 0, 0, 0, 0, 0, 0) %img, target("aarch64.svcount") %svc, ptr %p) {
entry:
  call void @use_handles(target("lkmm.opaque_handle") poison, target("lkmm.param", i32, 4, 2) undef, target("aarch64.svcount") %svc)
  %n = freeze i32 poison
  %ag = alloca [4 x i32], align 16, addrspace(0)
  %x = extractvalue { i32, [2 x i8] } { i32 1, [2 x i8] c"ab" }, 1, 0
  ret void
}

define i32 @integers(i32 %a, i32 %b) {
entry:
  %1 = add nuw nsw i32 %a, %b
  %2 = sub nsw i32 %1, 1
  %3 = mul nuw i32 %2, 3
  %4 = udiv exact i32 %3, 3
  %5 = sdiv i32 %4, -2
  %6 = urem i32 %5, 7
  %7 = srem i32 %6, 5
  %8 = shl nuw nsw i32 %7, 2
  %9 = lshr exact i32 %8, 1
  %10 = ashr i32 %9, 1
  %11 = and i32 %10, 255
  %12 = or disjoint i32 %11, 256
  %13 = xor i32 %12, -1
  %14 = trunc nuw i32 %13 to i16
  %15 = sext i16 %14 to i64
  %16 = zext nneg i16 %14 to i32
  %17 = icmp ne i32 %16, 0
  %18 = select i1 %17, i32 %16, i32 %a
  %19 = freeze i32 %18
  ret i32 %19
}
