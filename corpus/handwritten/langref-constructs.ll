; HAND-WRITTEN for parser tests; not compiler output.
; Constructs that LLVM's own test files use and compilers rarely write: s0x/u0x
; hexadecimal integers, named types that are not structs, a GenericDINode with
; its braced operand list, '...' forwarded by a musttail call, string attributes
; on globals, the largest array count, attachment kinds that need escapes, and
; an alias in another address space.
source_filename = "langref-constructs.ll"
target triple = "x86_64-unknown-linux-gnu"

%bytes = type [8 x i8]
%word = type i32
%vec = type <4 x float>
%pair = type { %word, %bytes }

@s_hex = global i32 s0x0012312
@s_one = global i8 s0x1
@s_wide = global i16 s0xFFFFF
@u_hex = global i64 u0xFFFFFFFFFFFFFFFF
@u_zero = global i32 u0x0
@u_small = global i16 u0x8000
@vec_hex = global <2 x i32> <i32 s0x7, i32 u0x7>
@bytes = global %bytes zeroinitializer
@word = global %word 7
@pair = global %pair zeroinitializer
@huge = external global [18446744073709551615 x i8]
@group_attrs = global i32 0 #0
@inline_attrs = global i32 1 "key"="value" "flag"
@both_attrs = global i32 2, align 4 #0 "other"="x"
@in_as1 = addrspace(1) global i32 0
@alias_as1 = alias i32, ptr addrspace(1) @in_as1

declare void @varargs(ptr, ...)

define void @forward(ptr %p, ...) {
  musttail call void (ptr, ...) @varargs(ptr %p, ...)
  ret void
}

define i32 @escaped_kind(ptr addrspace(1) %unused) {
  %v = load i32, ptr addrspace(1) @alias_as1, !\34\32abc !2, !a\20b !2
  ret i32 %v
}

attributes #0 = { "key"="value" }

!llvm.module.flags = !{!0}
!named = !{!1}

!0 = !{i32 1, !"ThinLTO", i32 0}
!1 = !GenericDINode(tag: DW_TAG_entry_point, header: "h", operands: {!{}, null, !2})
!2 = !{}

