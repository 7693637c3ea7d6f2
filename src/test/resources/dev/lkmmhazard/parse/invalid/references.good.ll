; Hand-written for the parser tests (ValidatorTest): the valid neighbours of references.bad.ll. A function's own
; operands and DIArgList may hold its values; a node and a named type may be used before their definition; an
; opaque type is defined.
; EXPECT: none
@uses_a_type_defined_later = global %struct.later zeroinitializer
@opaque = external global %struct.opaque

define void @locals_where_they_may_stand(i32 %v, ptr %p) {
  call void @llvm.bar(metadata i32 %v)
  call void @llvm.bar(metadata !DIArgList(i32 %v, i32 1))
  store i8 0, ptr %p, align 1, !tbaa !2
  ret void
}

declare void @llvm.bar(metadata)
%struct.later = type { i32, ptr }
%struct.opaque = type opaque
!named = !{!0}
!0 = !{!0, !1}
!1 = !{}
!2 = !{!3, !3, i64 0}
!3 = !{!"omnipotent char", !1}
