; Hand-written for the parser tests (ValidatorTest): the valid neighbours of getelementptr.bad.ll.
; EXPECT: none
%pair = type { i32, i64 }
%nested = type { [4 x %pair], <2 x i32> }

define ptr @geps(ptr %p, i64 %i, <2 x ptr> %vp, <2 x i64> %vi) {
  %a = getelementptr inbounds %pair, ptr %p, i64 %i, i32 1
  %b = getelementptr %nested, ptr %p, i64 0, i32 0, i64 %i, i32 0
  %c = getelementptr %nested, ptr %p, i32 0, i32 1, i8 1
  %d = getelementptr i8, <2 x ptr> %vp, <2 x i64> %vi
  %e = getelementptr %pair, <2 x ptr> %vp, i64 0, <2 x i32> <i32 1, i32 1>
  %f = getelementptr %pair, ptr %p, <2 x i64> %vi, <2 x i32> splat (i32 0)
  ret ptr %a
}
