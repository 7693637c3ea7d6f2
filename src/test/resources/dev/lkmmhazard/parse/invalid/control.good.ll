; Hand-written for the parser tests (ValidatorTest): the valid neighbours of control.bad.ll.
; EXPECT: none
define i32 @control(i1 %c, i32 %x, <2 x i1> %vc, <2 x i32> %v) {
entry:
  br i1 %c, label %a, label %b
a:
  switch i32 %x, label %b [ i32 1, label %a
                            i32 2, label %a ]
b:
  %r = phi i32 [ 1, %entry ], [ %x, %a ]
  %s = select i1 %c, i32 %r, i32 2
  %w = select <2 x i1> %vc, <2 x i32> %v, <2 x i32> zeroinitializer
  ret i32 %s
}

define void @void_ret() {
  ret void
}
