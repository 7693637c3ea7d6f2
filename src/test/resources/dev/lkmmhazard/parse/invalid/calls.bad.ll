; Hand-written for the parser tests (ValidatorTest): calls against their function type.
; EXPECT: 8:3: argument is not of expected type 'i32'
; EXPECT: 13:3: too many arguments specified
; EXPECT: 18:3: not enough parameters specified for call
declare void @f(i32)

define void @argument_type() {
  call void (i32) @f(i64 1)
  ret void
}

define void @too_many() {
  call void (i32) @f(i32 1, i32 2)
  ret void
}

define void @not_enough() {
  tail call void (i32, i32) @f(i32 1)
  ret void
}
