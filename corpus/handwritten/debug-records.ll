; HAND-WRITTEN for parser edge cases; not compiler output.
; Debug records (#dbg_value, #dbg_declare, #dbg_assign, #dbg_label) in the
; LLVM 19 textual form, metadata with distinct and specialized nodes
; (including an inlined-at chain and a merged line-0 location), named
; metadata, attribute groups with string attributes, and instruction
; metadata attachments.
source_filename = "debug-records.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@x = dso_local global i32 0, align 4, !dbg !0
@y = dso_local global i32 0, align 4, !dbg !5

define dso_local void @hoisted(i32 noundef %arg) #0 !dbg !20 {
entry:
  %slot = alloca i32, align 4, !DIAssignID !40
    #dbg_assign(i1 undef, !25, !DIExpression(), !40, ptr %slot, !DIExpression(), !27)
    #dbg_declare(ptr %slot, !26, !DIExpression(), !27)
  %q = load volatile i32, ptr @x, align 4, !dbg !28
    #dbg_value(i32 %q, !25, !DIExpression(), !27)
    #dbg_value(i32 %q, !25, !DIExpression(DW_OP_plus_uconst, 1, DW_OP_stack_value), !27)
    #dbg_value(!DIArgList(i32 %q, i32 %arg), !25, !DIExpression(DW_OP_LLVM_arg, 0, DW_OP_LLVM_arg, 1, DW_OP_plus, DW_OP_stack_value), !27)
  store i32 %q, ptr %slot, align 4, !DIAssignID !41
    #dbg_assign(i32 %q, !26, !DIExpression(), !41, ptr %slot, !DIExpression(), !27)
  %c = icmp eq i32 %q, 0, !dbg !29
  store volatile i32 1, ptr @y, align 4, !dbg !31
  br i1 %c, label %else, label %then, !dbg !29, !prof !50

then:
    #dbg_label(!33, !34)
  %v = call i32 @helper(i32 %q), !dbg !35
  store volatile i32 %v, ptr @y, align 4, !dbg !36, !tbaa !45
  br label %join, !dbg !37

else:
  br label %join

join:
    #dbg_value(i32 poison, !25, !DIExpression(), !27)
  ret void, !dbg !38
}

define internal i32 @helper(i32 %v) #1 !dbg !60 {
  %r = add nsw i32 %v, 1, !dbg !61
  ret i32 %r, !dbg !61
}

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { alwaysinline nofree norecurse nosync nounwind willreturn memory(none) "lkmm-marker" "empty-string"="" "escaped\22key"="va\5Clue" }

!llvm.dbg.cu = !{!2}
!llvm.module.flags = !{!10, !11, !12, !13}
!llvm.ident = !{!14}
!named.empty = !{}

!0 = !DIGlobalVariableExpression(var: !1, expr: !DIExpression())
!1 = distinct !DIGlobalVariable(name: "x", scope: !2, file: !3, line: 3, type: !7, isLocal: false, isDefinition: true)
!2 = distinct !DICompileUnit(language: DW_LANG_C11, file: !3, producer: "hand-written", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug, globals: !4, splitDebugInlining: false, nameTableKind: None)
!3 = !DIFile(filename: "debug-records.c", directory: ".", checksumkind: CSK_MD5, checksum: "00000000000000000000000000000000")
!4 = !{!0, !5}
!5 = !DIGlobalVariableExpression(var: !6, expr: !DIExpression())
!6 = distinct !DIGlobalVariable(name: "y", scope: !2, file: !3, line: 4, type: !8, isLocal: false, isDefinition: true)
!7 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!8 = !DIDerivedType(tag: DW_TAG_volatile_type, baseType: !7)
!10 = !{i32 7, !"Dwarf Version", i32 5}
!11 = !{i32 2, !"Debug Info Version", i32 3}
!12 = !{i32 1, !"wchar_size", i32 4}
!13 = !{i32 8, !"PIC Level", i32 2}
!14 = !{!"hand-written corpus file"}
!20 = distinct !DISubprogram(name: "hoisted", scope: !3, file: !3, line: 10, type: !21, scopeLine: 11, flags: DIFlagPrototyped | DIFlagAllCallsDescribed, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !24)
!21 = !DISubroutineType(types: !22)
!22 = !{null, !7}
!24 = !{!25, !26, !33}
!25 = !DILocalVariable(name: "q", scope: !20, file: !3, line: 12, type: !7)
!26 = !DILocalVariable(name: "slot", arg: 1, scope: !20, file: !3, line: 10, type: !7)
!27 = !DILocation(line: 0, scope: !20)
!28 = !DILocation(line: 12, column: 10, scope: !20)
!29 = !DILocation(line: 14, column: 6, scope: !30)
!30 = distinct !DILexicalBlock(scope: !20, file: !3, line: 14, column: 6)
!31 = !DILocation(line: 0, scope: !30)
!33 = !DILabel(scope: !20, name: "retry", file: !3, line: 15)
!34 = !DILocation(line: 15, column: 1, scope: !20)
!35 = !DILocation(line: 16, column: 7, scope: !32)
!32 = distinct !DILexicalBlock(scope: !30, file: !3, line: 15, column: 9)
!36 = !DILocation(line: 21, column: 3, scope: !60, inlinedAt: !39)
!39 = distinct !DILocation(line: 16, column: 3, scope: !32)
!37 = !DILocation(line: 17, column: 2, scope: !32)
!38 = !DILocation(line: 20, column: 1, scope: !20)
!40 = distinct !DIAssignID()
!41 = distinct !DIAssignID()
!45 = !{!46, !46, i64 0}
!46 = !{!"int", !47, i64 0}
!47 = !{!"omnipotent char", !48, i64 0}
!48 = !{!"Simple C/C++ TBAA"}
!50 = !{!"branch_weights", i32 1, i32 2000}
!60 = distinct !DISubprogram(name: "helper", scope: !3, file: !3, line: 20, type: !62, scopeLine: 20, flags: DIFlagPrototyped, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition | DISPFlagOptimized, unit: !2, retainedNodes: !64, annotations: !65)
!61 = !DILocation(line: 21, column: 10, scope: !60)
!62 = !DISubroutineType(types: !63)
!63 = !{!7, !7}
!64 = !{}
!65 = !{!66}
!66 = !{!"btf_decl_tag", !"lkmm"}
!70 = !DICompositeType(tag: DW_TAG_structure_type, name: "s", file: !3, line: 30, size: 64, elements: !71, identifier: "_ZTS1s")
!71 = !{!72, !73}
!72 = !DIDerivedType(tag: DW_TAG_member, name: "a", scope: !70, file: !3, line: 31, baseType: !7, size: 32)
!73 = !DIDerivedType(tag: DW_TAG_member, name: "p", scope: !70, file: !3, line: 32, baseType: !74, size: 64, offset: 32, flags: DIFlagPublic)
!74 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !70, size: 64)
!75 = !DISubrange(count: 4, lowerBound: 0)
!76 = !DICompositeType(tag: DW_TAG_array_type, baseType: !7, size: 128, elements: !77)
!77 = !{!75}
!78 = !DIEnumerator(name: "LKMM_A", value: 1, isUnsigned: true)
!79 = !DINamespace(name: "lkmm", scope: null)
!80 = !DIImportedEntity(tag: DW_TAG_imported_module, scope: !2, entity: !79, file: !3, line: 40)
!81 = !DIMacro(type: DW_MACINFO_define, name: "READ_ONCE(x)", value: "(*(volatile typeof(x) *)&(x))")
!82 = !DIStringType(name: "character(*)", stringLength: !83, size: 32)
!83 = !DILocalVariable(name: "len", scope: !20, file: !3, line: 41, type: !7, flags: DIFlagArtificial)
!84 = !DIGenericSubrange(count: !DIExpression(DW_OP_constu, 4), lowerBound: !DIExpression(DW_OP_constu, 0), stride: !DIExpression(DW_OP_constu, 4))
!85 = !DICommonBlock(scope: !20, declaration: null, name: "blk")
!86 = !DIObjCProperty(name: "prop", file: !3, line: 42, getter: "get", setter: "set:", attributes: 7, type: !7)
!87 = !DILabel(scope: !20, name: "unused", file: !3, line: 43)
!88 = distinct !{!88, !89, !90}
!89 = !{!"llvm.loop.mustprogress"}
!90 = !{!"llvm.loop.unroll.disable"}
