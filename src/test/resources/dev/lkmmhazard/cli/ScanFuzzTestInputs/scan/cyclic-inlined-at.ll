; Fuzz regression, hand-made from a Jazzer finding: a location whose inlined-at chain is a cycle (A, inlined at B,
; inlined at A, ...). ctrl-hoisted-store counted its merged (line 0) frames and copied them in two walks with
; different bounds, and left nulls (a NullPointerException); deps followed the chain without a bound (a hang).
@y = global i32 0

define void @f() !dbg !4 {
  store volatile i32 1, ptr @y, align 4, !dbg !7
  ret void, !dbg !8
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: FullDebug)
!1 = !DIFile(filename: "f.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{null})
!4 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 1, type: !3, unit: !0)
!5 = distinct !DILexicalBlock(scope: !4, file: !1, line: 2, column: 3)
!6 = !DILocation(line: 3, column: 5, scope: !4, inlinedAt: !7)
!7 = !DILocation(line: 0, scope: !5, inlinedAt: !6)
!8 = !DILocation(line: 4, column: 1, scope: !4)
