; Hand-written for the parser tests (ValidatorTest): the valid neighbours of debug-info.bad.ll (sourceLanguageName
; is LLVM 22's, so older llvm-as refuse that line).
; EXPECT: none
!llvm.module.flags = !{!0}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !DIFile(filename: "a.c", directory: "/src")
!2 = !DILocation(line: 3, column: 7, scope: !1)
!3 = !DILocation(scope: !1)
!4 = !DIFile(filename: "a.c", directory: "", checksumkind: CSK_MD5, checksum: "00000000000000000000000000000000")
!5 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: FullDebug)
!6 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: null, size: 64)
!7 = !DILocalVariable(scope: !1, name: "x")
!8 = !DILexicalBlock(scope: !1, line: 3)
!9 = !DISubprogram(name: "f", file: !1, type: null, spFlags: 0)
!10 = distinct !DISubprogram(name: "g", file: !1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !5)
!11 = !DISubprogram(name: "h", isDefinition: false)
!12 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!13 = !DIEnumerator(name: "A", value: 0)
!14 = !DIExpression(DW_OP_plus_uconst, 8)
!15 = !DIBasicType()
!16 = !DISubrange(count: 4)
!17 = distinct !DIAssignID()
!18 = distinct !DICompileUnit(sourceLanguageName: DW_LNAME_C, file: !1)
