; HAND-WRITTEN for parser tests; not compiler output.
; LLVM 14 syntax: the floating-point, compare, select and aggregate constant
; expressions that later versions dropped, typed pointers written without a
; space before addrspace (i8addrspace(1)*), and aliases whose aliasee is an
; untyped getelementptr or addrspacecast, or is in another address space.
source_filename = "older-constants-llvm14.ll"
target triple = "x86_64-unknown-linux-gnu"

@x = global [4 x i8] zeroinitializer
@y = addrspace(1) global i8 0
@f = global float 1.5

@fcmp = global i1 fcmp ogt (float 1.0, float 2.0)
@fdiv = global float fdiv (float 1.0, float 3.0)
@fadd = global double fadd (double 1.0, double 2.0)
@fsub = global float fsub (float 1.0, float 2.0)
@fmul = global float fmul (float 2.0, float 2.0)
@frem = global float frem (float 7.0, float 2.0)
@fneg = global float fneg (float 2.0)
@fptrunc = global float fptrunc (double 2.0 to float)
@fpext = global double fpext (float 2.0 to double)
@icmp = global i1 icmp ult (i8* getelementptr ([4 x i8], [4 x i8]* @x, i64 0, i64 1), i8* getelementptr ([4 x i8], [4 x i8]* @x, i64 0, i64 2))
@select = global i32 select (i1 icmp eq (i8* getelementptr ([4 x i8], [4 x i8]* @x, i64 0, i64 0), i8* null), i32 1, i32 2)
@extract = global i32 extractvalue ({ i32, [2 x i32] } { i32 1, [2 x i32] [i32 2, i32 3] }, 1, 0)
@insert = global { i32, i32 } insertvalue ({ i32, i32 } { i32 1, i32 2 }, i32 5, 0)
@nospace = global i8addrspace(1)* @y
@nospace_fn = global void (i32addrspace(1)*)* null

@gep_alias = alias i8, getelementptr ([4 x i8], [4 x i8]* @x, i64 0, i64 1)
@cast_alias = alias i8, addrspacecast (i8 addrspace(1)* @y to i8 addrspace(2)*)
@as1_alias = alias i8, i8 addrspace(1)* @y

define i8 @use_aliases() {
  %1 = load i8, i8* @gep_alias
  %2 = load i8, i8 addrspace(2)* @cast_alias
  %3 = load i8, i8addrspace(1)* @as1_alias
  %4 = add i8 %1, %2
  %5 = add i8 %4, %3
  ret i8 %5
}
