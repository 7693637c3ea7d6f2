; Hand-written for the parser tests (ValidatorTest): the valid neighbours of types.bad.ll.
; EXPECT: none
@array = global [2 x i32] zeroinitializer
@pointer_vector = global <2 x ptr> zeroinitializer
@fields = global { i32, ptr, [2 x float] } zeroinitializer
%fields = type { i32, <4 x i8>, ptr addrspace(3) }
@opaque_global = external global i8

define ptr addrspace(3) @pointer_in_addrspace(ptr %a) {
  %b = addrspacecast ptr %a to ptr addrspace(3)
  ret ptr addrspace(3) %b
}

define i32 @void_results() {
  call void @g(i32 0)
  call void (i32) @g(i32 1)
  %x = call i32 @k()
  ret i32 %x
}

declare void @g(i32)
declare i32 @k()
@widest = global i8388608 0
