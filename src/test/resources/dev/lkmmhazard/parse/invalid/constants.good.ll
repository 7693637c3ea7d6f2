; Hand-written for the parser tests (ValidatorTest): the valid neighbours of constants.bad.ll.
; EXPECT: none
%struct.s = type { i32, ptr, [2 x i8] }
@float = global float 1.000000e+00
@hex_double = global double 0x3FF0000000000000
@int = global i32 1
@splat = global <2 x i32> splat (i32 1)
@bool = global i1 true
@null = global ptr null
@string = global [3 x i8] c"a\5Cb"
@struct = global %struct.s { i32 1, ptr @float, [2 x i8] c"xy" }
@packed = global <{ i32, i8 }> <{ i32 1, i8 2 }>
@array = global [2 x ptr] [ptr @int, ptr null]
@empty = global [0 x i32] []
@vector = global <2 x i32> <i32 1, i32 2>
@zero = global { i32, [4 x i64] } zeroinitializer
@poison = global <2 x float> poison
