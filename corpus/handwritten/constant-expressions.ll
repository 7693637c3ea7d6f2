; HAND-WRITTEN for parser edge cases; not compiler output.
; Every constant-expression form that llvm-as-19 accepts, alone and nested.
; LLVM 19 no longer has icmp/fcmp, select, shl, and/or/lshr/ashr, zext/sext
; or the floating-point casts as constant expressions (llvm-as-19 rejects
; them).  mul is still accepted by LLVM 19 but not by LLVM 22, so this file
; is for llvm-as-19 only.
source_filename = "constant-expressions.ll"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

%struct.pair = type { i32, [4 x i64], ptr }

@g = global i64 0, align 8
@arr = global [8 x i32] zeroinitializer, align 16
@pair = global %struct.pair zeroinitializer, align 8
@vt = global { [4 x ptr] } { [4 x ptr] [ptr null, ptr null, ptr @f, ptr @h] }, align 8

; getelementptr: plain, inbounds, nusw/nuw, inrange, struct and array indices
@gep0 = global ptr getelementptr (i8, ptr @g, i64 4)
@gep1 = global ptr getelementptr inbounds ([8 x i32], ptr @arr, i64 0, i64 3)
@gep2 = global ptr getelementptr inbounds (%struct.pair, ptr @pair, i64 0, i32 1, i64 2)
@gep3 = global ptr getelementptr inbounds inrange(-16, 16) ({ [4 x ptr] }, ptr @vt, i64 0, i32 0, i64 2)
@gep4 = global ptr getelementptr nusw nuw (i8, ptr @g, i64 8)
@gep5 = global ptr getelementptr inbounds nuw (i32, ptr @arr, i64 5)
@gep6 = global ptr getelementptr (i8, ptr null, i64 16)

; casts that are still constant expressions
@c.trunc = global i32 trunc (i64 ptrtoint (ptr @g to i64) to i32)
@c.ptrtoint = global i64 ptrtoint (ptr @arr to i64)
@c.inttoptr = global ptr inttoptr (i64 4096 to ptr)
@c.bitcast = global double bitcast (i64 ptrtoint (ptr @g to i64) to double)
@c.bitcast.vec = global i64 bitcast (<2 x i32> <i32 1, i32 2> to i64)
@c.asc = global ptr addrspace(1) addrspacecast (ptr @g to ptr addrspace(1))
@c.sizeof = global i64 ptrtoint (ptr getelementptr (%struct.pair, ptr null, i64 1) to i64)

; binary operators with and without flags
@b.add = global i64 add (i64 ptrtoint (ptr @g to i64), i64 1)
@b.addnuw = global i64 add nuw nsw (i64 ptrtoint (ptr @g to i64), i64 8)
@b.sub = global i64 sub (i64 ptrtoint (ptr @arr to i64), i64 ptrtoint (ptr @g to i64))
@b.subnsw = global i64 sub nsw (i64 0, i64 ptrtoint (ptr @g to i64))
@b.xor = global i64 xor (i64 ptrtoint (ptr @g to i64), i64 -1)
@b.mul = global i64 mul nuw (i64 ptrtoint (ptr @g to i64), i64 3)

; vector constant expressions
@v.extract = global i64 extractelement (<2 x i64> <i64 ptrtoint (ptr @g to i64), i64 1>, i32 0)
@v.insert = global <2 x i64> insertelement (<2 x i64> <i64 1, i64 2>, i64 ptrtoint (ptr @g to i64), i32 1)
@v.shuffle = global <2 x i64> shufflevector (<2 x i64> <i64 1, i64 ptrtoint (ptr @arr to i64)>, <2 x i64> poison, <2 x i32> <i32 1, i32 0>)

; nested expressions
@n.1 = global ptr inttoptr (i64 add (i64 ptrtoint (ptr @g to i64), i64 sub (i64 ptrtoint (ptr @arr to i64), i64 ptrtoint (ptr @g to i64))) to ptr)
@n.2 = global i32 trunc (i64 xor (i64 add nsw (i64 ptrtoint (ptr getelementptr inbounds ([8 x i32], ptr @arr, i64 0, i64 7) to i64), i64 -4), i64 255) to i32)
@n.3 = global [2 x ptr] [ptr getelementptr (i8, ptr inttoptr (i64 sub (i64 ptrtoint (ptr @pair to i64), i64 8) to ptr), i64 8), ptr null]

; function-related constants
@fe = global ptr dso_local_equivalent @h
@nc = global ptr no_cfi @h
@ba = global ptr blockaddress(@f, %target)
@pa = global ptr ptrauth (ptr @h, i32 0)

; other constant forms
@k.undef = global i32 undef
@k.poison = global i32 poison
@k.zero = global { i32, ptr } zeroinitializer
@k.struct = global { i8, i16, <2 x float> } { i8 -1, i16 12345, <2 x float> <float 1.0, float 2.5> }
@k.packed = global <{ i8, i32 }> <{ i8 1, i32 2 }>
@k.string = global [6 x i8] c"a\00b\22\FF\0A"
@k.array = global [3 x i16] [i16 1, i16 -2, i16 3]

declare void @h()

define i64 @f(i1 %c) {
entry:
  br i1 %c, label %target, label %other

target:
  %x = add i64 ptrtoint (ptr @g to i64), sub (i64 ptrtoint (ptr @arr to i64), i64 1)
  ret i64 %x

other:
  %p = getelementptr inbounds i8, ptr getelementptr inbounds ([8 x i32], ptr @arr, i64 0, i64 2), i64 4
  %v = load i64, ptr %p, align 4
  ret i64 %v
}
