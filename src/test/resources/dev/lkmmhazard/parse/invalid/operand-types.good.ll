; Hand-written for the parser tests (ValidatorTest): the valid neighbours of operand-types.bad.ll (samesign is
; LLVM 20's, so llvm-as-19 refuses that line).
; EXPECT: none
define float @fp_op(float %a, float %b) {
  %r = fadd float %a, %b
  ret float %r
}

define <2 x i32> @int_ops(<2 x i32> %a, i32 %x) {
  %r = xor <2 x i32> %a, %a
  %s = mul nsw <2 x i32> %r, %a
  %later2 = add i32 %later, 1
  %later = add i32 %x, 2
  ret <2 x i32> %s
}

define i1 @compares(ptr %p, double %d, <4 x i8> %v) {
  %a = icmp eq ptr %p, null
  %b = fcmp fast olt double %d, 1.0
  %c = icmp samesign ult <4 x i8> %v, zeroinitializer
  %r = and i1 %a, %b
  ret i1 %r
}
