; Hand-written for the parser tests (ValidatorTest): ret, br, switch, select, phi and blocks without a terminator.
; EXPECT: 11:3: value doesn't match function result type 'i32'
; EXPECT: 15:3: value doesn't match function result type 'i32'
; EXPECT: 19:3: branch condition must have 'i1' type
; EXPECT: 27:3: switch condition must have integer type
; EXPECT: 33:3: duplicate case value in switch
; EXPECT: 40:8: select condition must be i1 or <n x i1>
; EXPECT: 45:8: both values to select must have same type
; EXPECT: 55:18: '%f' defined with type 'float' but expected 'i32'
define i32 @ret_wider() {
  ret i64 0
}

define i32 @ret_void() {
  ret void
}

define void @br_on_i32(i32 %c) {
  br i32 %c, label %a, label %b
a:
  ret void
b:
  ret void
}

define void @switch_on_float(float %c) {
  switch float %c, label %d [ ]
d:
  ret void
}

define void @switch_duplicate(i32 %c) {
  switch i32 %c, label %d [ i32 1, label %d
                            i32 1, label %d ]
d:
  ret void
}

define i32 @select_on_i32(i32 %c) {
  %r = select i32 %c, i32 1, i32 2
  ret i32 %r
}

define i32 @select_mixed(i1 %c) {
  %r = select i1 %c, i32 1, i64 2
  ret i32 0
}

define i32 @phi_incoming(i1 %c, float %f) {
entry:
  br i1 %c, label %a, label %b
a:
  br label %b
b:
  %r = phi i32 [ %f, %entry ], [ 1, %a ]
  ret i32 %r
}

define void @label_before_terminator(i32 %x) {
  %y = add i32 %x, 1
next:
  ret void
}

define i32 @no_terminator_at_the_end(i32 %x) {
  %y = add i32 %x, 1
}
; EXPECT: 61:1: expected instruction opcode
; EXPECT: 66:3: expected instruction opcode before '}': the last block does not end with a terminator
