; Hand-written for the parser tests (ValidatorTest): the valid neighbour of calls-typed.bad.ll.
; EXPECT: none
declare void @f(i32)

define void @callee_type() {
  call void @f(i32 1)
  call void bitcast (void (i32)* @f to void (i64)*)(i64 1)
  ret void
}

; a typed pointer makes this an LLVM 14 file (without one it reads as LLVM 15 and later read it)
@p = global i8* null
