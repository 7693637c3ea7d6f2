; Hand-written for the parser tests (ValidatorTest): with typed pointers (LLVM 14) the callee's type is checked.
; EXPECT: 6:3: '@f' defined with type 'void (i32)*' but expected 'void (i64)*'
declare void @f(i32)

define void @callee_type() {
  call void @f(i64 1)
  ret void
}

; a typed pointer makes this an LLVM 14 file (without one it reads as LLVM 15 and later read it)
@p = global i8* null
