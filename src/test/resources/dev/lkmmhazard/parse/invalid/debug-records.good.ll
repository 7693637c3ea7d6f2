; Hand-written for the parser tests (ValidatorTest): debug records of each kind with the operands LLVM's reader
; takes (parseDebugRecord).
; EXPECT: none
define i32 @f(i32 %a, ptr %p) !dbg !7 {
    #dbg_value(i32 %a, !12, !DIExpression(), !14)
    #dbg_value(!DIArgList(i32 %a, i32 1), !12, !DIExpression(DW_OP_LLVM_arg, 0, DW_OP_LLVM_arg, 1, DW_OP_plus, DW_OP_stack_value), !14)
    #dbg_declare(ptr %p, !12, !DIExpression(), !14)
    #dbg_assign(i32 %a, !12, !DIExpression(), !15, ptr %p, !DIExpression(), !14)
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
