; HAND-WRITTEN for parser edge cases; not compiler output.
; Terminators and call forms: callbr (asm goto) with several indirect
; targets, indirectbr, switch, invoke/landingpad/resume, the funclet
; instructions (cleanuppad, catchswitch, catchpad, catchret, cleanupret),
; va_arg, operand bundles, musttail/notail/tail, prefix, prologue,
; personality and gc.
source_filename = "control-flow.ll"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%struct.va_list = type { i32, i32, ptr, ptr }

@flag = global i32 0, align 4
@out = global i32 0, align 4
@targets = global [2 x ptr] [ptr blockaddress(@indirect, %l1), ptr blockaddress(@indirect, %l2)]

declare i32 @__gxx_personality_v0(...)
declare i32 @__CxxFrameHandler3(...)
declare void @may_throw(i32)
declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)
declare void @llvm.assume(i1)

; asm goto with three indirect targets and an output.
define i32 @asm_goto(i32 %x) {
entry:
  %v = load volatile i32, ptr @flag, align 4
  %r = callbr i32 asm sideeffect "test $1, $1; jz ${2:l}; js ${3:l}; jo ${4:l}", "=r,r,!i,!i,!i,~{memory},~{dirflag},~{fpsr},~{flags}"(i32 %v) #0
          to label %fallthrough [label %zero, label %negative, label %overflow], !srcloc !0

fallthrough:
  store volatile i32 1, ptr @out, align 4
  br label %join

zero:
  store volatile i32 2, ptr @out, align 4
  br label %join

negative:
  %r.neg = phi i32 [ %r, %entry ]
  store volatile i32 %r.neg, ptr @out, align 4
  br label %join

overflow:
  br label %join

join:
  %res = phi i32 [ %r, %fallthrough ], [ 0, %zero ], [ -1, %negative ], [ 99, %overflow ]
  ret i32 %res
}

; callbr to the same block twice, no outputs.
define void @asm_goto_same_target() {
entry:
  callbr void asm "", "!i,!i"() to label %next [label %next, label %next]

next:
  ret void
}

define i32 @indirect(i32 %i) {
entry:
  %idx = sext i32 %i to i64
  %slot = getelementptr inbounds [2 x ptr], ptr @targets, i64 0, i64 %idx
  %dest = load ptr, ptr %slot, align 8
  indirectbr ptr %dest, [label %l1, label %l2]

l1:
  ret i32 1

l2:
  ret i32 2
}

define i32 @switches(i32 %x) {
entry:
  switch i32 %x, label %def [
    i32 0, label %a
    i32 -1, label %a
    i32 7, label %b
  ]

a:
  ret i32 10

b:
  switch i32 %x, label %def []

def:
  ret i32 0
}

define void @itanium_eh(i32 %x) personality ptr @__gxx_personality_v0 {
entry:
  invoke void @may_throw(i32 %x)
          to label %cont unwind label %lpad

cont:
  invoke void @may_throw(i32 1) [ "funclet-free"(i32 1) ]
          to label %done unwind label %lpad

lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
          catch ptr null
          filter [1 x ptr] [ptr null]
  resume { ptr, i32 } %lp

done:
  ret void
}

define void @funclet_eh() personality ptr @__CxxFrameHandler3 {
entry:
  invoke void @may_throw(i32 0)
          to label %exit unwind label %dispatch

dispatch:
  %cs = catchswitch within none [label %handler1, label %handler2] unwind label %cleanup

handler1:
  %cp1 = catchpad within %cs [ptr null, i32 64, ptr null]
  call void @may_throw(i32 1) [ "funclet"(token %cp1) ]
  catchret from %cp1 to label %exit

handler2:
  %cp2 = catchpad within %cs []
  catchret from %cp2 to label %exit

cleanup:
  %cl = cleanuppad within none []
  call void @may_throw(i32 2) [ "funclet"(token %cl) ]
  cleanupret from %cl unwind to caller

exit:
  ret void
}

define i32 @varargs(i32 %n, ...) {
entry:
  %ap = alloca %struct.va_list, align 8
  call void @llvm.va_start.p0(ptr %ap)
  %a = va_arg ptr %ap, i32
  %b = va_arg ptr %ap, double
  call void @llvm.va_end.p0(ptr %ap)
  %bi = fptosi double %b to i32
  %s = add i32 %a, %bi
  ret i32 %s
}

define i32 @calls(ptr %fp, i32 %x) gc "statepoint-example" {
entry:
  %c = icmp sgt i32 %x, 0
  call void @llvm.assume(i1 true) [ "align"(ptr %fp, i64 8), "nonnull"(ptr %fp) ]
  %r1 = tail call i32 %fp(i32 %x) [ "deopt"(i32 %x, i64 0), "custom-bundle"(ptr %fp, i1 %c) ]
  %r2 = notail call fastcc i32 %fp(i32 %r1)
  %r3 = call i32 (i32, ...) @varargs(i32 2, i32 %r2, double 1.0)
  %r4 = musttail call i32 @calls(ptr %fp, i32 %r3)
  ret i32 %r4
}

define i32 @with_prefix(i32 %x) prefix i32 123 prologue { i8, i8 } { i8 -21, i8 0 } {
  ret i32 %x
}

define void @unreachable_end() noreturn {
  unreachable
}

attributes #0 = { nounwind memory(readwrite) }

!0 = !{i64 1234}
