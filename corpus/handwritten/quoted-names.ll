; HAND-WRITTEN for parser edge cases; not compiler output.
; Quoted and escaped names, raw non-ASCII bytes in names, numbered unnamed
; values, numbered blocks, named blocks that look like numbers, and the
; characters LLVM allows in unquoted names (. $ _ -).
source_filename = "quoted \5Cnames\22.ll"
target triple = "x86_64-unknown-linux-gnu"

%"struct.with space" = type { i32, ptr }
%struct.a.b = type { %"struct.with space", [2 x i8] }
%0 = type { i64 }
%1 = type opaque

@"a\22b" = global i32 1
@"\01foo" = global i32 2
@"caf\C3\A9" = global i32 3
@"café-raw" = global i32 4
@"with space" = global %"struct.with space" zeroinitializer
@"quote\5Cbackslash" = global i32 5
@"two\\backslashes" = global i32 9
@"" = global i32 6 ; an empty name is unnamed: this is @0
@1 = private constant [3 x i8] c"x\00y"
@2 = internal global %0 zeroinitializer
@.str.1 = private unnamed_addr constant [2 x i8] c"%\00"
@$dollar.name-with_dash = global i32 7
@-1.5 = global i32 8

declare void @"\01_mangled$sym"(ptr)

define i32 @"fn with \22quotes\22"(i32 %"arg one", ptr %0) {
"entry block":
  %"x y" = add i32 %"arg one", 1
  %1 = load i32, ptr @"a\22b", align 4
  %2 = add i32 %"x y", %1
  %"3" = mul i32 %2, 2
  %.tmp$ = sub i32 %"3", 1
  br label %"42"

"42":
  %3 = phi i32 [ %.tmp$, %"entry block" ]
  call void @"\01_mangled$sym"(ptr @"caf\C3\A9")
  %4 = load i32, ptr @"café-raw", align 4
  %5 = add i32 %3, %4
  ret i32 %5
}

define void @numbered(i32 %0, i32 %1) {
  %3 = add i32 %0, %1
  %4 = icmp eq i32 %3, 0
  br i1 %4, label %5, label %6

5:
  store i32 %3, ptr @0, align 4
  br label %6

6:                                                ; preds = %5, %2
  %7 = phi i32 [ %3, %5 ], [ 0, %2 ]
  store i32 %7, ptr @2, align 8
  ret void
}

define void @unnamed_entry_with_name_later() {
  br label %next

next:
  %1 = alloca i32, align 4
  store i32 0, ptr %1, align 4
  ret void
}
