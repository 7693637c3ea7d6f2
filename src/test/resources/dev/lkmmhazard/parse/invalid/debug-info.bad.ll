; Hand-written for the parser tests (ValidatorTest): debug-info nodes without a field LLVM requires, with a field
; their kind does not have, or otherwise refused by LLParser.
; EXPECT: 18:6: missing required field 'scope'
; EXPECT: 19:27: invalid field 'colum'
; EXPECT: 20:6: missing required field 'directory'
; EXPECT: 21:6: missing 'distinct', required for !DICompileUnit
; EXPECT: 22:6: missing required field 'baseType'
; EXPECT: 23:23: 'scope' cannot be null
; EXPECT: 24:42: field 'line' cannot be specified more than once
; EXPECT: 25:6: missing 'distinct', required for !DISubprogram that is a Definition
; EXPECT: 26:16: missing required field 'discriminator'
; EXPECT: 27:7: expected field label here
; EXPECT: 28:7: missing required field 'value'
; EXPECT: 29:16: missing one of 'language' or 'sourceLanguageName', required for !DICompileUnit
!llvm.module.flags = !{!0}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !DIFile(filename: "a.c", directory: "/src")
!2 = !DILocation(line: 3, column: 7)
!3 = !DILocation(line: 3, colum: 7, scope: !1)
!4 = !DIFile(filename: "a.c")
!5 = !DICompileUnit(language: DW_LANG_C11, file: !1)
!6 = !DIDerivedType(tag: DW_TAG_pointer_type, size: 64)
!7 = !DILocalVariable(scope: null, name: "x")
!8 = !DILexicalBlock(scope: !1, line: 3, line: 4)
!9 = !DISubprogram(name: "f", file: !1, type: null)
!10 = distinct !DILexicalBlockFile(scope: !1)
!11 = !DIBasicType(name: "int", 32)
!12 = !DIEnumerator(name: "A")
!13 = distinct !DICompileUnit(file: !1, producer: "clang")
