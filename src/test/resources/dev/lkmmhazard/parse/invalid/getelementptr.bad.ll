; Hand-written for the parser tests (ValidatorTest): getelementptr indices LLVM refuses.
; EXPECT: 14:8: invalid getelementptr indices
; EXPECT: 19:8: invalid getelementptr indices
; EXPECT: 24:8: invalid getelementptr indices
; EXPECT: 29:8: invalid getelementptr indices
; EXPECT: 34:8: getelementptr index must be an integer
; EXPECT: 39:8: getelementptr vector index has a wrong number of elements
; EXPECT: 44:8: base of getelementptr must be a pointer
; EXPECT: 49:8: base element of getelementptr must be sized
%pair = type { i32, i64 }
%opaque = type opaque

define ptr @struct_index_not_constant(ptr %p, i32 %i) {
  %r = getelementptr %pair, ptr %p, i64 0, i32 %i
  ret ptr %r
}

define ptr @struct_index_i64(ptr %p) {
  %r = getelementptr %pair, ptr %p, i64 0, i64 1
  ret ptr %r
}

define ptr @struct_index_out_of_range(ptr %p) {
  %r = getelementptr %pair, ptr %p, i64 0, i32 2
  ret ptr %r
}

define ptr @index_into_integer(ptr %p) {
  %r = getelementptr i32, ptr %p, i64 0, i64 1
  ret ptr %r
}

define ptr @float_index(ptr %p) {
  %r = getelementptr i8, ptr %p, float 1.0
  ret ptr %r
}

define <2 x ptr> @vector_widths(<2 x ptr> %p, <4 x i64> %i) {
  %r = getelementptr i8, <2 x ptr> %p, <4 x i64> %i
  ret <2 x ptr> %r
}

define ptr @base_not_pointer(i64 %p) {
  %r = getelementptr i8, i64 %p, i64 1
  ret ptr %r
}

define ptr @unsized_base(ptr %p) {
  %r = getelementptr %opaque, ptr %p, i64 1
  ret ptr %r
}
