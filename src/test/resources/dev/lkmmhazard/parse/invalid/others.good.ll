; Hand-written for the parser tests (ValidatorTest): the valid neighbours of others.bad.ll.
; EXPECT: none
@g = global i32 0

define i64 @aggregates({ i32, [2 x i64] } %s, <4 x i32> %v, ptr %p) {
  %a = extractvalue { i32, [2 x i64] } %s, 1, 1
  %b = insertvalue { i32, [2 x i64] } %s, i64 %a, 1, 0
  %c = extractelement <4 x i32> %v, i64 0
  %d = insertelement <4 x i32> %v, i32 %c, i32 1
  %e = shufflevector <4 x i32> %d, <4 x i32> poison, <2 x i32> <i32 0, i32 3>
  %f = cmpxchg weak ptr %p, i32 0, i32 1 seq_cst acquire, align 4
  %h = ptrtoint ptr @g to i64
  ret i64 %a
}
