; Hand-written for the parser tests (ValidatorTest): a function's local name where LLVM's reader has no function to
; look it up in (a global's initializer, a metadata node), and metadata nodes and named types used but never
; defined. The undefined ones are found at the end of the module, as LLVM finds them, so they come last.
; EXPECT: 12:36: invalid use of function-local name
; EXPECT: 15:38: invalid use of function-local name
; EXPECT: 20:24: invalid use of function-local name
; EXPECT: 24:39: use of undefined metadata '!7'
; EXPECT: 29:13: use of undefined metadata '!1'
; EXPECT: 32:26: use of undefined type named 'struct.none'
; EXPECT: 34:38: use of undefined type '%0'
%struct.known = type { i32 }
@local_in_initializer = global ptr %x

define void @local_in_a_tuple(i32 %v) {
  call void @llvm.bar(metadata !{i32 %v})
  ret void
}

define void @local_in_an_attachment(i32 %v) {
  ret void, !foo !{i32 %v}
}

define void @undefined_node(ptr %p) {
  store i8 0, ptr %p, align 1, !tbaa !7
  ret void
}

declare void @llvm.bar(metadata)
!0 = !{!0, !1}
!named = !{!0}

@undefined_type = global %struct.none zeroinitializer

define void @undefined_numbered_type(%0 %a) {
  ret void
}
