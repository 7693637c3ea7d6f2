; Hand-written for the parser tests (ValidatorTest): the valid neighbours of globals-and-calls.bad.ll.
; EXPECT: none
@G = global [4 x [4 x i32]] zeroinitializer
@vector_gep = global <4 x ptr> getelementptr ([4 x [4 x i32]], ptr @G, i32 0, <4 x i32> <i32 0, i32 1, i32 2, i32 3>, i32 1)
@field = global ptr getelementptr ({ i32, i32 }, ptr @G, i32 0, i32 1)
@row = global ptr getelementptr inbounds ([4 x [4 x i32]], ptr @G, i64 0, i64 2)

declare void @byval_struct(ptr byval({ i32, i64 }))
declare ptr @f(ptr, ...)

define ptr @forwards(ptr %this, ...) {
  %rv = musttail call ptr (ptr, ...) @f(ptr %this, ...)
  ret ptr %rv
}

define ptr @fixed(ptr %this) {
  %rv = tail call ptr (ptr, ...) @f(ptr %this)
  ret ptr %rv
}

define <vscale x 2 x ptr> @scalable_array_index(<vscale x 2 x ptr> %a) {
  %w = getelementptr [2 x i32], <vscale x 2 x ptr> %a, <vscale x 2 x i32> zeroinitializer, <vscale x 2 x i32> zeroinitializer
  ret <vscale x 2 x ptr> %w
}

@alias_of_the_same_address_space = alias i32, ptr addrspace(1) @defined_later
@defined_later = addrspace(1) global i32 0
@alias_of_a_function = alias void (), ptr @function_defined_later

define void @function_defined_later() {
  ret void
}
