; HAND-WRITTEN for parser edge cases; not compiler output.
; Linkages, visibilities, DLL storage, thread_local modes, unnamed_addr,
; comdats, sections, partitions, address spaces, externally_initialized,
; aliases, ifuncs and module-level inline asm.
source_filename = "globals-linkage.ll"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

module asm ".globl marker_symbol"
module asm "marker_symbol = 0x1234"
module asm ".section .text.lkmm,\22ax\22,@progbits"

$grp_any = comdat any
$grp_exact = comdat exactmatch
$grp_largest = comdat largest
$grp_nodup = comdat nodeduplicate
$grp_same = comdat samesize
$inline_fn = comdat any
$s.comdat_self = comdat any

; linkages
@l.private = private global i32 1
@l.internal = internal global i32 2
@l.available = available_externally global i32 3
@l.linkonce = linkonce global i32 4, comdat($grp_any)
@l.weak = weak global i32 5
@l.common = common global i32 0, align 4
@l.appending = appending global [1 x ptr] [ptr @l.weak]
@l.extern_weak = extern_weak global i32
@l.linkonce_odr = linkonce_odr global i32 6, comdat($grp_exact)
@l.weak_odr = weak_odr global i32 7, comdat($grp_largest)
@l.external = external global i32
@l.default = global i32 8

; preemption, visibility, DLL storage
@v.dso_local = dso_local global i32 0
@v.dso_preemptable = dso_preemptable global i32 0
@v.hidden = hidden global i32 0
@v.protected = protected global i32 0
@v.default = default global i32 0
@v.dllimport = external dllimport global i32
@v.dllexport = dllexport global i32 0

; thread_local modes
@t.gd = thread_local global i32 0
@t.ld = thread_local(localdynamic) global i32 0
@t.ie = thread_local(initialexec) global i32 0
@t.le = thread_local(localexec) global i32 0, align 4

; unnamed_addr, constant, externally_initialized
@u.unnamed = private unnamed_addr constant [4 x i8] c"abc\00", align 1
@u.local_unnamed = internal local_unnamed_addr global i64 0, align 8
@u.extinit = externally_initialized global i32 0

; sections, partitions, comdats, alignment, address spaces, attributes
@s.section = global i32 0, section ".data.lkmm", align 64
@s.partition = global i32 0, partition "part1"
@s.comdat_self = linkonce_odr global i32 0, comdat
@s.nodup = global i32 0, comdat($grp_nodup)
@s.same = global i32 0, comdat($grp_same)
@s.as1 = addrspace(1) global i32 0
@s.as256 = external addrspace(256) global i64
@s.code_model = global i32 0, code_model "large"
@s.attrs = global i32 0 #0
@s.sanitizer = global i32 0, no_sanitize_address, sanitize_address_dyninit
@s.full = internal thread_local(initialexec) unnamed_addr addrspace(1) externally_initialized global i32 42, section ".tdata.x", partition "p", comdat($grp_any), align 16

; aliases (with constant-expression aliasees)
@a.plain = alias i32, ptr @l.default
@a.weak = weak alias i32, ptr @l.default
@a.hidden = hidden alias i32, ptr @l.default
@a.gep = internal alias i32, getelementptr (i32, ptr @l.default, i64 1)
@a.tls = thread_local(localdynamic) alias i32, ptr @t.ld
@a.fn = alias void (), ptr @inline_fn
@a.partition = alias i32, ptr @l.default, partition "part1"

; ifuncs
@i.ifunc = ifunc void (), ptr @resolver
@i.local = internal ifunc i32 (i32), ptr @resolver

define internal ptr @resolver() {
  ret ptr @inline_fn
}

define linkonce_odr hidden void @inline_fn() comdat {
  ret void
}

define weak_odr dso_local void @f_weak() section ".text.weak" partition "part1" align 16 {
  ret void
}

define private fastcc void @f_private() unnamed_addr {
  ret void
}

declare extern_weak void @f_extern_weak()
declare dllimport void @f_dllimport()

attributes #0 = { "custom-global-attr"="1" }
