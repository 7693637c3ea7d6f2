; Hand-written for the parser tests (ValidatorTest): constants written for a type they do not fit, which LLVM's
; reader refuses (LLParser's convertValIDToValue): a wrong reading would give a global the wrong bytes.
; EXPECT: 18:30: integer constant must have integer type
; EXPECT: 19:28: floating point constant invalid for type
; EXPECT: 20:36: integer constant must have integer type
; EXPECT: 21:27: constant expression type mismatch: got type 'i1' but expected 'i32'
; EXPECT: 22:28: null must be a pointer type
; EXPECT: 23:36: constant expression type mismatch: got type '[3 x i8]' but expected '[2 x i8]'
; EXPECT: 24:37: element 0 of struct initializer doesn't match struct element type
; EXPECT: 25:43: initializer with struct type has wrong # elements
; EXPECT: 26:37: packed'ness of initializer and type don't match
; EXPECT: 27:34: constant expression type mismatch
; EXPECT: 28:44: array element #1 is not of type 'i32'
; EXPECT: 29:34: constant expression type mismatch: got type '[2 x i32]' but expected '[3 x i32]'
; EXPECT: 30:33: invalid empty array initializer
; EXPECT: 31:35: constant expression type mismatch: got type '<3 x i32>' but expected '<2 x i32>'
; EXPECT: 34:22: invalid type for undef constant
@int_as_float = global float 1
@float_as_int = global i32 1.0
@int_for_vector = global <2 x i32> 1
@bool_as_i32 = global i32 true
@null_integer = global i32 null
@string_too_long = global [2 x i8] c"abc"
@struct_field_type = global { i32 } { i64 1 }
@struct_field_count = global { i32, i32 } { i32 1 }
@struct_packedness = global { i32 } <{ i32 1 }>
@struct_for_integer = global i32 { i32 1 }
@array_elements_differ = global [2 x i32] [i32 1, i64 2]
@array_length = global [3 x i32] [i32 1, i32 2]
@array_empty = global [1 x i32] []
@vector_length = global <2 x i32> <i32 1, i32 2, i32 3>

define void @undef_label() {
  call void @g(label undef)
  ret void
}

declare void @g(...)
