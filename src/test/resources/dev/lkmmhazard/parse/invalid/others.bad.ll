; Hand-written for the parser tests (ValidatorTest): aggregates, vectors, the remaining atomics and a global used
; as a value of another type.
; EXPECT: 12:8: invalid indices for extractvalue
; EXPECT: 17:8: insertvalue operand and field disagree in type: 'i32' instead of 'i64'
; EXPECT: 22:8: invalid extractelement operands
; EXPECT: 27:8: invalid cmpxchg failure ordering
; EXPECT: 32:16: global variable reference must have pointer type
; EXPECT: 36:15: invalid function return type
@g = global i32 0

define i32 @extract_out_of_range({ i32, i64 } %s) {
  %r = extractvalue { i32, i64 } %s, 2
  ret i32 %r
}

define { i32, i64 } @insert_wrong_type({ i32, i64 } %s) {
  %r = insertvalue { i32, i64 } %s, i32 1, 1
  ret { i32, i64 } %r
}

define i32 @extract_from_scalar(i32 %v) {
  %r = extractelement i32 %v, i32 0
  ret i32 %r
}

define void @cmpxchg_release_failure(ptr %p) {
  %r = cmpxchg ptr %p, i32 0, i32 1 seq_cst release
  ret void
}

define i32 @global_as_integer() {
  %r = add i32 @g, 1
  ret i32 %r
}

declare label @returns_label()
