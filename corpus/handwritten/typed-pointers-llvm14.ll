; HAND-WRITTEN for parser edge cases; not compiler output.
; LLVM 14 typed pointers: i32*, %struct.s**, function pointer types,
; address-space pointers, bitcasts between pointer types, typed GEPs in
; instructions and constant expressions, the old callbr form whose
; indirect targets are also passed as blockaddress operands, and the
; constant expressions LLVM 14 still had (icmp, select, shl, zext, ...).
source_filename = "typed-pointers-llvm14.ll"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%struct.s = type { i32, %struct.s*, [4 x i8] }
%struct.list = type { %struct.list*, %struct.list* }

@gp = global %struct.s* null, align 8
@gpp = global %struct.s** @gp, align 8
@obj = global %struct.s zeroinitializer, align 8
@head = global %struct.list { %struct.list* @head, %struct.list* @head }, align 8
@fnp = global i32 (i32, i8*)* null, align 8
@as1 = addrspace(1) global i32 0
@as1p = global i32 addrspace(1)* @as1
@field = global i32* getelementptr inbounds (%struct.s, %struct.s* @obj, i64 0, i32 0)
@bytes = global i8* bitcast (%struct.s* @obj to i8*)
@cmp = global i1 icmp eq (%struct.s* @obj, %struct.s* null)
@sel = global i64 select (i1 icmp ne (i8* bitcast (%struct.s* @obj to i8*), i8* null), i64 1, i64 2)
@shl = global i64 shl (i64 ptrtoint (%struct.s* @obj to i64), i64 3)
@zx = global i128 zext (i64 ptrtoint (%struct.s* @obj to i64) to i128)
@ext = global i32* getelementptr (i32, i32* bitcast (i8* getelementptr (i8, i8* bitcast (%struct.s* @obj to i8*), i64 4) to i32*), i64 1)

declare void @consume(i8*)

define i32 @addr_dep() {
entry:
  %p = load volatile %struct.s*, %struct.s** @gp, align 8
  %a = getelementptr inbounds %struct.s, %struct.s* %p, i64 0, i32 0
  %v = load i32, i32* %a, align 8
  %n = getelementptr inbounds %struct.s, %struct.s* %p, i64 0, i32 1
  %np = load %struct.s*, %struct.s** %n, align 8
  %raw = bitcast %struct.s* %np to i8*
  call void @consume(i8* %raw)
  %pp = load %struct.s**, %struct.s*** @gpp, align 8
  %p2 = load %struct.s*, %struct.s** %pp, align 8
  %c = icmp eq %struct.s* %p2, @obj
  %sel = select i1 %c, %struct.s* @obj, %struct.s* %p2
  %f = getelementptr %struct.s, %struct.s* %sel, i64 0, i32 2, i64 3
  %b = load i8, i8* %f, align 1
  %bz = zext i8 %b to i32
  %r = add i32 %v, %bz
  ret i32 %r
}

define i32 @call_fnptr(i32 %x) {
entry:
  %fp = load i32 (i32, i8*)*, i32 (i32, i8*)** @fnp, align 8
  %r = call i32 %fp(i32 %x, i8* null)
  %as = load i32 addrspace(1)*, i32 addrspace(1)** @as1p, align 8
  %v = load volatile i32, i32 addrspace(1)* %as, align 4
  %cast = addrspacecast i32 addrspace(1)* %as to i32*
  store volatile i32 %r, i32* %cast, align 4
  %i = ptrtoint i32* %cast to i64
  %back = inttoptr i64 %i to i32*
  %old = atomicrmw add i32* %back, i32 1 seq_cst
  %pair = cmpxchg i32* %back, i32 0, i32 %old acq_rel monotonic
  %s = add i32 %v, %old
  ret i32 %s
}

define void @walk() {
entry:
  %first = load volatile %struct.list*, %struct.list** getelementptr inbounds (%struct.list, %struct.list* @head, i64 0, i32 0), align 8
  br label %loop

loop:
  %p = phi %struct.list* [ %first, %entry ], [ %next, %body ]
  %done = icmp eq %struct.list* %p, @head
  br i1 %done, label %exit, label %body

body:
  %np = getelementptr inbounds %struct.list, %struct.list* %p, i64 0, i32 0
  %next = load volatile %struct.list*, %struct.list** %np, align 8
  br label %loop

exit:
  ret void
}

; clang-14 style asm goto: "i" constraint plus blockaddress arguments.
define void @asm_goto_14(i32 %x) {
entry:
  callbr void asm sideeffect "test $0, $0; jnz ${1:l}; js ${2:l}", "r,i,i,~{memory},~{dirflag},~{fpsr},~{flags}"(i32 %x, i8* blockaddress(@asm_goto_14, %yes), i8* blockaddress(@asm_goto_14, %neg))
          to label %no [label %yes, label %neg]

no:
  store volatile i32 0, i32* getelementptr inbounds (%struct.s, %struct.s* @obj, i64 0, i32 0), align 8
  ret void

yes:
  store volatile i32 1, i32* getelementptr inbounds (%struct.s, %struct.s* @obj, i64 0, i32 0), align 8
  ret void

neg:
  ret void
}
