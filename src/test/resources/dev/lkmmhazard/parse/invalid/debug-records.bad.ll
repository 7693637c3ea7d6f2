; Hand-written for the parser tests (ValidatorTest): debug records whose operands are not what LLVM's reader
; takes (parseDebugRecord): a variable that is not a node, a location that is not one, and too few operands.
; EXPECT: 9:24: expected '!' here
; EXPECT: 14:46: expected '!' here
; EXPECT: 19:44: Expected ',' here
; EXPECT: 24:50: Expected ',' here
; EXPECT: 29:49: Expected ')' here
define i32 @variable_not_a_node(i32 %a) !dbg !7 {
    #dbg_value(i32 %a, i32 0, !DIExpression(), !14)
  ret i32 %a, !dbg !14
}

define i32 @location_not_a_node(i32 %a) !dbg !7 {
    #dbg_value(i32 %a, !12, !DIExpression(), i32 0)
  ret i32 %a, !dbg !14
}

define i32 @value_without_location(i32 %a) !dbg !7 {
    #dbg_value(i32 %a, !12, !DIExpression())
  ret i32 %a, !dbg !14
}

define i32 @assign_with_four(i32 %a) !dbg !7 {
    #dbg_assign(i32 %a, !12, !DIExpression(), !14)
  ret i32 %a, !dbg !14
}

define i32 @value_with_five(i32 %a) !dbg !7 {
    #dbg_value(i32 %a, !12, !DIExpression(), !14, !14)
  ret i32 %a, !dbg !14
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3, !4}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "hand-written", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "f.c", directory: "/")
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !{i32 2, !"Debug Info Version", i32 3}
!7 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !8, scopeLine: 1, unit: !0, retainedNodes: !11)
!8 = !DISubroutineType(types: !9)
!9 = !{!10, !10}
!10 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!11 = !{!12}
!12 = !DILocalVariable(name: "a", arg: 1, scope: !7, file: !1, line: 1, type: !10)
!14 = !DILocation(line: 1, column: 1, scope: !7)
!15 = distinct !DIAssignID()
