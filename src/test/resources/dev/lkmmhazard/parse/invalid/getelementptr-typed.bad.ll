; Hand-written for the parser tests (ValidatorTest): with typed pointers (LLVM 14) the source type is the pointee's.
; EXPECT: 6:8: explicit pointee type doesn't match operand's pointee type (%pair = type { i32, i64 } vs i32)
%pair = type { i32, i64 }

define i64* @pointee(i32* %p) {
  %r = getelementptr %pair, i32* %p, i64 0, i32 1
  ret i64* %r
}
