; Hand-written for the parser tests (ValidatorTest): casts CastInst::castIsValid refuses.
; EXPECT: 12:8: invalid cast opcode for cast from 'i32' to 'i64'
; EXPECT: 17:8: invalid cast opcode for cast from 'float' to 'i64'
; EXPECT: 22:8: invalid cast opcode for cast from 'i32' to 'i64'
; EXPECT: 27:8: invalid cast opcode for cast from 'i32' to 'i64'
; EXPECT: 32:8: invalid cast opcode for cast from 'ptr' to 'ptr'
; EXPECT: 37:8: invalid cast opcode for cast from 'ptr' to 'ptr addrspace(1)'
; EXPECT: 42:8: invalid cast opcode for cast from '<2 x i32>' to '<4 x i16>'
; EXPECT: 47:28: invalid cast opcode for cast from 'i32' to 'i64'
; EXPECT: 49:24: constant expression type mismatch: got type 'i32' but expected 'i64'
define i64 @trunc_to_wider(i32 %x) {
  %r = trunc i32 %x to i64
  ret i64 %r
}

define i64 @zext_of_float(float %x) {
  %r = zext float %x to i64
  ret i64 %r
}

define i64 @bitcast_of_other_size(i32 %x) {
  %r = bitcast i32 %x to i64
  ret i64 %r
}

define i64 @ptrtoint_of_integer(i32 %x) {
  %r = ptrtoint i32 %x to i64
  ret i64 %r
}

define ptr @addrspacecast_within_one(ptr %p) {
  %r = addrspacecast ptr %p to ptr
  ret ptr %r
}

define ptr addrspace(1) @bitcast_across_address_spaces(ptr %p) {
  %r = bitcast ptr %p to ptr addrspace(1)
  ret ptr addrspace(1) %r
}

define <4 x i16> @sext_changes_length(<2 x i32> %v) {
  %r = sext <2 x i32> %v to <4 x i16>
  ret <4 x i16> %r
}

@x = global i32 0
@bad_constant = global i64 ptrtoint (i32 1 to i64)

@mismatch = global i64 trunc (i64 1 to i32)
