; Hand-written for the parser tests (ValidatorTest): the valid neighbours of casts.bad.ll.
; EXPECT: none
@x = global i32 0
@addr = global i64 ptrtoint (ptr @x to i64)
@flat = global ptr addrspacecast (ptr addrspace(1) null to ptr)

define i64 @casts(i32 %x, float %f, ptr %p, <2 x i32> %v, <2 x ptr> %vp) {
  %a = zext i32 %x to i64
  %b = trunc i64 %a to i8
  %c = fptosi float %f to i64
  %d = bitcast <2 x i32> %v to i64
  %e = bitcast <2 x i32> %v to <4 x i16>
  %g = ptrtoint <2 x ptr> %vp to <2 x i64>
  %h = addrspacecast ptr %p to ptr addrspace(1)
  %i = fpext float %f to double
  %j = sitofp <2 x i32> %v to <2 x float>
  %k = inttoptr i64 %a to ptr
  ret i64 %d
}
