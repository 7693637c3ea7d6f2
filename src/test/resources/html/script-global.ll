; Hand-written, not compiled from C: input for the HTML report's escaping tests (HtmlReportTest, HtmlReportIT).
; A global whose quoted name is markup is read with a volatile load and written with a plain store (mixed-access),
; and the branch on the load leads to blocks whose quoted labels are markup too. The report must show every one of
; these names as text, never as markup.
source_filename = "script-global.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@"<script>alert(1)</script>" = dso_local global i32 0, align 4
@"\22><img src=x onerror=alert(2)>" = dso_local global i32 0, align 4

define dso_local void @"<script>f</script>"(i32 noundef %v) {
entry:
  %0 = load volatile i32, ptr @"<script>alert(1)</script>", align 4
  %"<b>c</b>" = icmp eq i32 %0, 0
  br i1 %"<b>c</b>", label %"<i>then</i>", label %"&amp;join"

"<i>then</i>":
  store i32 %v, ptr @"<script>alert(1)</script>", align 4
  store volatile i32 1, ptr @"\22><img src=x onerror=alert(2)>", align 4
  br label %"&amp;join"

"&amp;join":
  ret void
}
