; Hand-written for the parser tests (ValidatorTest): types LLVM's reader refuses: a pointer to ptr (typed pointers
; are of LLVM 14, ptr of 15 and later), void anywhere but a function's result, element types of arrays, vectors and
; structs, and a name given to a void result.
; EXPECT: 14:27: void type only allowed for function results
; EXPECT: 15:29: invalid vector element type
; EXPECT: 16:29: void type only allowed for function results
; EXPECT: 17:31: invalid element type for struct
; EXPECT: 18:32: void type only allowed for function results
; EXPECT: 21:29: ptr* is invalid - use ptr instead
; EXPECT: 26:61: ptr* is invalid - use ptr instead
; EXPECT: 31:16: void type only allowed for function results
; EXPECT: 36:9: void type only allowed for function results
; EXPECT: 41:3: instructions returning void cannot have a name
@void_array = global [2 x void] zeroinitializer
@label_vector = global <2 x label> zeroinitializer
@void_field = global { i32, void } zeroinitializer
%metadata_field = type { i32, metadata }
@void_global = external global void

define ptr @pointer_to_ptr(ptr %a) {
  %b = bitcast ptr %a to ptr*
  ret ptr %a
}

define void @pointer_to_ptr_addrspace(ptr addrspace(3) %a) {
  %b = addrspacecast ptr addrspace(3) %a to ptr addrspace(3)*
  ret void
}

define void @void_argument() {
  call void @g(void undef)
  ret void
}

define void @void_stored(ptr %p) {
  store void undef, ptr %p
  ret void
}

define void @named_void_result() {
  %x = call void @h()
  ret void
}

declare void @g(i32)
declare void @h()
