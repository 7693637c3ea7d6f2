; Hand-written for the parser tests (ValidatorTest): binary operators, compares and uses of the wrong type.
; EXPECT: 10:8: invalid operand type for instruction
; EXPECT: 15:8: invalid operand type for instruction
; EXPECT: 20:8: instruction requires integer or integer vector operands
; EXPECT: 25:20: '%f' defined with type 'float' but expected 'i32'
; EXPECT: 31:3: instruction forward referenced with type 'i64'
; EXPECT: 36:8: icmp requires integer operands
; EXPECT: 41:8: fcmp requires floating point operands
define float @int_op_on_float(float %a, float %b) {
  %r = add float %a, %b
  ret float %r
}

define i32 @fp_op_on_int(i32 %a, i32 %b) {
  %r = fmul i32 %a, %b
  ret i32 %r
}

define double @logical_on_float(double %a, double %b) {
  %r = xor double %a, %b
  ret double %r
}

define i32 @mismatched_operand(i32 %a, float %f) {
  %r = add i32 %a, %f
  ret i32 %r
}

define i64 @forward_reference_of_another_type() {
  %r = add i64 %later, 1
  %later = add i32 1, 2
  ret i64 %r
}

define i1 @icmp_on_float(float %a) {
  %r = icmp eq float %a, %a
  ret i1 %r
}

define i1 @fcmp_on_int(i32 %a) {
  %r = fcmp olt i32 %a, %a
  ret i1 %r
}
