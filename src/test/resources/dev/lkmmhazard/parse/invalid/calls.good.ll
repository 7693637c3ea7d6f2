; Hand-written for the parser tests (ValidatorTest): the valid neighbours of calls.bad.ll; with opaque pointers a
; call may give a callee other arguments than it declares (LLVM checks the call against its own type only).
; EXPECT: none
declare void @f(i32)
declare i32 @printf(ptr, ...)

define void @calls(ptr %fmt) {
  call void (i32) @f(i32 1)
  call void @f(i64 1)
  %n = call i32 (ptr, ...) @printf(ptr %fmt, i32 1, double 2.0)
  ret void
}
