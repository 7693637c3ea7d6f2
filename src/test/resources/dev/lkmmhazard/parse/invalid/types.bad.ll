; Hand-written for the parser tests (ValidatorTest): types LLVM's reader refuses: a pointer to ptr (typed pointers
; are of LLVM 14, ptr of 15 and later), void anywhere but a function's result, element types of arrays, vectors and
; structs, and a name given to a void result.
; EXPECT: 16:27: void type only allowed for function results
; EXPECT: 17:29: invalid vector element type
; EXPECT: 18:29: void type only allowed for function results
; EXPECT: 19:31: invalid element type for struct
; EXPECT: 20:32: void type only allowed for function results
; EXPECT: 23:29: ptr* is invalid - use ptr instead
; EXPECT: 28:61: ptr* is invalid - use ptr instead
; EXPECT: 33:16: void type only allowed for function results
; EXPECT: 38:9: void type only allowed for function results
; EXPECT: 43:3: instructions returning void cannot have a name
; EXPECT: 50:20: bitwidth for integer type out of range
; EXPECT: 51:22: bitwidth for integer type out of range
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

@too_wide = global i8388609 0
@zero_width = global i0 0
