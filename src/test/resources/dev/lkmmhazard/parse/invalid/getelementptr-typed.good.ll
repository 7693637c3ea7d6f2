; Hand-written for the parser tests (ValidatorTest): the valid neighbour of getelementptr-typed.bad.ll.
; EXPECT: none
%pair = type { i32, i64 }

define i64* @pointee(%pair* %p) {
  %r = getelementptr %pair, %pair* %p, i64 0, i32 1
  ret i64* %r
}
