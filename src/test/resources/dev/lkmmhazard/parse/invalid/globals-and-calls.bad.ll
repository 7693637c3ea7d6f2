; Hand-written for the parser tests (ValidatorTest): what a global may hold, a type argument of an attribute, the
; '...' of a musttail call that passes its caller's variable arguments on, and getelementptr constant expressions.
; EXPECT: 15:27: invalid type for global variable
; EXPECT: 16:33: invalid type for global variable
; EXPECT: 18:40: getelementptr vector index has a wrong number of elements
; EXPECT: 19:33: getelementptr index must be an integer
; EXPECT: 20:41: invalid getelementptr indices
; EXPECT: 22:36: void type only allowed for function results
; EXPECT: 26:52: unexpected ellipsis in argument list for musttail call in non-varargs function
; EXPECT: 31:50: expected '...' at end of argument list for musttail call in varargs function
; EXPECT: 36:48: unexpected ellipsis in argument list for non-musttail call
; EXPECT: 41:8: invalid getelementptr indices
; EXPECT: 45:63: forward reference and definition of global have different types
; EXPECT: 47:56: invalid forward reference to function 'function_defined_later' with wrong type: expected 'ptr' but was 'ptr addrspace(1)'
@metadata_global = global metadata undef
@token_global = external global token
@G = global [4 x [4 x i32]] zeroinitializer
@vector_index_width = global <2 x ptr> getelementptr ([3 x { i32, i32 }], <4 x ptr> zeroinitializer, <2 x i32> <i32 1, i32 2>)
@index_not_integer = global ptr getelementptr ([4 x i32], ptr @G, float 0.0)
@struct_index_out_of_range = global ptr getelementptr ({ i32, i32 }, ptr @G, i32 0, i32 2)

declare void @byval_void(ptr byval(void))
declare ptr @f(ptr, ...)

define ptr @ellipsis_in_a_fixed_function(ptr %this) {
  %rv = musttail call ptr (ptr, ...) @f(ptr %this, ...)
  ret ptr %rv
}

define ptr @no_ellipsis_in_a_variadic_function(ptr %this, ...) {
  %rv = musttail call ptr (ptr, ...) @f(ptr %this)
  ret ptr %rv
}

define ptr @ellipsis_without_musttail(ptr %this, ...) {
  %rv = tail call ptr (ptr, ...) @f(ptr %this, ...)
  ret ptr %rv
}

define <vscale x 2 x ptr> @scalable_struct_index(<vscale x 2 x ptr> %a) {
  %w = getelementptr { i32, i32 }, <vscale x 2 x ptr> %a, <vscale x 2 x i32> zeroinitializer, <vscale x 2 x i32> zeroinitializer
  ret <vscale x 2 x ptr> %w
}

@alias_of_another_address_space = alias i32, ptr addrspace(1) @defined_later
@defined_later = global i32 0
@alias_of_a_function = alias void (), ptr addrspace(1) @function_defined_later

define void @function_defined_later() {
  ret void
}
