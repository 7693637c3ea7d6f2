; HAND-WRITTEN for parser tests; not compiler output.
; Values and blocks without names, numbered by position as LLVM numbers them:
; the parameters first, then the entry block when it has no label, then each
; unnamed result and each unlabeled block in order. Since LLVM 19 an explicit
; number may skip ahead, and the numbering goes on from there.
source_filename = "implicit-numbering.ll"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @g(i32)

; %0 and %1 are the parameters, %2 the entry block
define i32 @unnamed_params(i32, i32) {
  %4 = add i32 %0, %1
  ret i32 %4
}

; %0, %1, %2 are the parameters, %3 the entry block
define i32 @unnamed_results(i32, i32, ptr) {
  add i32 %0, %1
  mul i32 %4, 3
  store i32 %5, ptr %2
  call i32 @g(i32 %5)
  br label %7

  icmp eq i32 %6, 0
  br i1 %8, label %9, label %10

  ret i32 %6

  ret i32 0
}

; a named parameter between unnamed ones, an explicit number that skips ahead
define i32 @mixed(i32, i32 %x, i32 %5, i32) {
  %8 = add i32 %0, %x
  sub i32 %8, %6
  br label %lbl

lbl:
  add i32 %9, %5
  br label %12

12:
  ret i32 %10
}
