package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Expected names were worked out by hand from the grammar and agree with the {@code ; call ...} comments rustc writes
 * into the same corpus files (its own short form) and with binutils' {@code c++filt -s rust} (long form; v0 crate
 * disambiguators in brackets). The mangled names come from {@code corpus/ir/rustc/} unless marked synthetic.
 */
class RustSymbolsTest {

    /** Messages name Rust globals by their paths; a C global and a malformed symbol stay as written. */
    @org.junit.jupiter.api.Test
    void globalReferencesInMessagesAreDemangled() {
        org.junit.jupiter.api.Assertions.assertEquals("plain load of @atomics::FLAG, also read with a marked access in @ready",
                RustSymbols.demangleReferences("plain load of @_ZN7atomics4FLAG17hdbf40b1b8c064a68E, also read with a"
                        + " marked access in @ready"));
        org.junit.jupiter.api.Assertions.assertEquals("@_ZNnot_a_symbol and @x", RustSymbols.demangleReferences("@_ZNnot_a_symbol and @x"));
    }

    /** The kernel's v0 statics (Linux 6.12, rustc 1.96), with the crate disambiguator left out, as functions are shown. */
    @org.junit.jupiter.api.Test
    void v0GlobalReferencesInMessagesAreDemangled() {
        assertEquals("the constant address @rnull::STATS+4 and @rnull::THIS_MODULE",
                RustSymbols.demangleReferences("the constant address @_RNvCsccOGl4AuzMy_5rnull5STATS+4 and"
                        + " @_RNvCsccOGl4AuzMy_5rnull11THIS_MODULE"));
        assertEquals("@kernel::workqueue::Queue::try_spawn::{closure#1}::CLASS",
                RustSymbols.demangleReferences("@_RNvNCNvMs0_NtCsl7L7n58I0Vr_6kernel9workqueueNtB9_5Queue9try_spawns_05CLASS"));
        assertEquals("rust_minimal::__module_init::__module_init::__RUST_MINIMAL_0",
                RustSymbols.displayName("_RNvNtNtCs5qGvIIhPNWG_12rust_minimal13___module_init13___module_init16___RUST_MINIMAL_0"));
        assertEquals("debug_locks", RustSymbols.displayName("debug_locks"), "a C global stays as it is");
    }


    private static void both(String symbol, String shortName, String longName) {
        RustSymbols.Demangled d = RustSymbols.parse(symbol);
        assertNotNull(d, symbol);
        assertEquals(shortName, d.shortName(), symbol);
        assertEquals(longName, d.longName(), symbol);
    }

    // --- legacy

    @Test
    void legacyHashIsDroppedInShortFormAndKeptInLongForm() {
        both("_ZN4core3ptr13read_volatile17h0954664390ce10d1E", "core::ptr::read_volatile",
                "core::ptr::read_volatile::h0954664390ce10d1");
        both("_ZN4deps8data_dep17h1d8d355be2cae346E", "deps::data_dep", "deps::data_dep::h1d8d355be2cae346");
        both("_ZN4core4sync6atomic9AtomicI324load17h002d3374a2d2b3ceE", "core::sync::atomic::AtomicI32::load",
                "core::sync::atomic::AtomicI32::load::h002d3374a2d2b3ce");
        both("_ZN4core3ptr13read_volatile18precondition_check17h2bee29a2565a1fa9E",
                "core::ptr::read_volatile::precondition_check",
                "core::ptr::read_volatile::precondition_check::h2bee29a2565a1fa9");
        assertEquals(RustSymbols.Scheme.LEGACY, RustSymbols.parse("_ZN7atomics4FLAG17hdbf40b1b8c064a68E").scheme());
    }

    @Test
    void legacyEscapesAreDecoded() {
        both("_ZN4core3ptr7mut_ptr31_$LT$impl$u20$$BP$mut$u20$T$GT$7is_null17h4f975926181a06deE",
                "core::ptr::mut_ptr::<impl *mut T>::is_null",
                "core::ptr::mut_ptr::<impl *mut T>::is_null::h4f975926181a06de");
        assertEquals("core::result::Result<T,E>::is_ok",
                RustSymbols.demangle("_ZN4core6result19Result$LT$T$C$E$GT$5is_ok17hf2cbc5cb20875242E"));
        assertEquals("core::sync::atomic::AtomicPtr<T>::load",
                RustSymbols.demangle("_ZN4core4sync6atomic18AtomicPtr$LT$T$GT$4load17h125f34d476504cf1E"));
        // synthetic: '..' is '::', $u7b$ '{', $RF$ '&', $LP$ '(', $SP$ '@', a leading "_$" loses its '_'
        assertEquals("core::ptr::drop_in_place<std::rt::lang_start<()>::{{closure}}>", RustSymbols.demangle(
                "_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0123456789abcdefE"));
        assertEquals("test::@name", RustSymbols.demangle("_ZN4test9_$SP$name17h0123456789abcdefE"));
        assertEquals("test::&(", RustSymbols.demangle("_ZN4test8$RF$$LP$17h0123456789abcdefE"));
        assertEquals("test::a.b::c", RustSymbols.demangle("_ZN4test6a.b..c17h0123456789abcdefE"));
        assertEquals("test:: x", RustSymbols.demangle("_ZN4test6$u20$x17h0123456789abcdefE"));
    }

    @Test
    void legacyLlvmSuffixIsIgnored() {
        assertEquals("foo", RustSymbols.demangle("_ZN3foo17h0123456789abcdefE.llvm.99"));
    }

    // --- v0

    @Test
    void v0CratesShowTheirDisambiguatorOnlyInTheLongForm() {
        // synthetic, the example of the task: Cs<base62>_ is crate disambiguator c1f1a4ba060b9bfa
        both("_RNvNtCsgEmfK2I1SDS_4core3ptr13read_volatile", "core::ptr::read_volatile",
                "core[c1f1a4ba060b9bfa]::ptr::read_volatile");
        both("_RNvCs20MVvXqPB5D_7generic12publish_word", "generic::publish_word",
                "generic[177188ab318faddb]::publish_word");
        both("_RNvNtNtCsgEmfK2I1SDS_4core9panicking11panic_const24panic_const_add_overflow",
                "core::panicking::panic_const::panic_const_add_overflow",
                "core[c1f1a4ba060b9bfa]::panicking::panic_const::panic_const_add_overflow");
        assertEquals(RustSymbols.Scheme.V0, RustSymbols.parse("_RNvCs20MVvXqPB5D_7generic3OUT").scheme());
    }

    @Test
    void v0GenericArgumentsAndTheInstantiatingCrate() {
        // the trailing Cs20MVvXqPB5D_7generic is the instantiating crate: parsed, not shown
        both("_RINvNtCsgEmfK2I1SDS_4core3ptr13read_volatileyECs20MVvXqPB5D_7generic", "core::ptr::read_volatile::<u64>",
                "core[c1f1a4ba060b9bfa]::ptr::read_volatile::<u64>");
        assertEquals("core::sync::atomic::atomic_load::<*mut generic::Rec>", RustSymbols.demangle(
                "_RINvNtNtCsgEmfK2I1SDS_4core4sync6atomic11atomic_loadONtCs20MVvXqPB5D_7generic3RecEBR_"));
    }

    @Test
    void v0BackReferencesRepeatEarlierPaths() {
        // B2_ is offset 3 after "_R": the crate root Cs20MVvXqPB5D_7generic
        both("_RINvCs20MVvXqPB5D_7generic12publish_sameyEB2_", "generic::publish_same::<u64>",
                "generic[177188ab318faddb]::publish_same::<u64>");
        assertEquals("generic::deref_key::<generic::Rec>",
                RustSymbols.demangle("_RINvCs20MVvXqPB5D_7generic9deref_keyNtB2_3RecEB2_"));
    }

    /**
     * One inherent method, as rustc 1.95 mangles it each way (legacy, then -C symbol-mangling-version=v0): one short
     * name, so that a finding's function and fingerprint do not change with the mangling.
     */
    @Test
    void inherentMethodsHaveOneNameInBothSchemes() {
        assertEquals("mcrate::Global::collect", RustSymbols.demangle("_ZN6mcrate6Global7collect17h70dad47c1eaf617dE"));
        assertEquals("mcrate::Global::collect", RustSymbols.demangle("_RNvMCsjQEY7tna1eE_6mcrateNtB2_6Global7collect"));
        // the long form stays rustc-demangle's
        String lg = RustSymbols.demangleLong("_RNvMCsjQEY7tna1eE_6mcrateNtB2_6Global7collect");
        org.junit.jupiter.api.Assertions.assertTrue(lg.matches("<mcrate\\[[0-9a-f]+\\]::Global>::collect"), lg);
    }

    @Test
    void v0ImplPathsShowTheSelfTypeAndTrait() {
        both("_RNvMs4_NtNtCsgEmfK2I1SDS_4core4sync6atomicINtB5_9AtomicPtrNtCs20MVvXqPB5D_7generic3RecE4loadBW_",
                "core::sync::atomic::AtomicPtr<generic::Rec>::load",
                "<core[c1f1a4ba060b9bfa]::sync::atomic::AtomicPtr<generic[177188ab318faddb]::Rec>>::load");
        assertEquals("<generic::Rec as generic::Shared>::key",
                RustSymbols.demangle("_RNvXCs20MVvXqPB5D_7genericNtB2_3RecNtB2_6Shared3key"));
        assertEquals("<u64 as core::cmp::PartialEq>::ne",
                RustSymbols.demangle("_RNvXsn_NtNtCsgEmfK2I1SDS_4core3cmp5implsyNtB7_9PartialEq2ne"));
        assertEquals("<*const ()>::is_aligned_to", RustSymbols.demangle(
                "_RNvMNtNtCsgEmfK2I1SDS_4core3ptr9const_ptrPu13is_aligned_toCs20MVvXqPB5D_7generic"));
        assertEquals("<u64 as core::default::Default>::default",
                RustSymbols.demangle("_RNvXs6_NtCsgEmfK2I1SDS_4core7defaultyNtB5_7Default7default"));
    }

    @Test
    void v0ClosuresShimsAndTypes() {
        // synthetic, each checked against c++filt -s rust
        assertEquals("mycrate::foo::bar::{closure#0}", RustSymbols.demangle("_RNCNvNtC7mycrate3foo3bar0"));
        assertEquals("mycrate::foo::bar::{closure#1}", RustSymbols.demangle("_RNCNvNtC7mycrate3foo3bars_0"));
        assertEquals("test::foo::{shim:drop#1}", RustSymbols.demangle("_RNSNvC4test3foos_4drop"));
        assertEquals("<mycrate::Foo<_> as std::clone::Clone>::clone::QUUX",
                RustSymbols.demangle("_RNvNvXCs1234_7mycrateINtCs1234_7mycrate3FoopENtNtC3std5clone5Clone5clone4QUUX"));
        assertEquals("<mycrate[3c1c0]::Foo<_>>::bar::QUUX",
                RustSymbols.demangleLong("_RNvNvMCs1234_7mycrateINtCs1234_7mycrate3FoopE3bar4QUUX"));
        assertEquals("a::f::<unsafe extern \"C\" fn(usize)>", RustSymbols.demangle("_RINvC1a1fFUKCjEuE"));
        assertEquals("a::f::<extern \"efiapi\" fn(i32)>", RustSymbols.demangle("_RINvC1a1fFK6efiapilEuE"));
        assertEquals("a::f::<for<'a> fn(&u32) -> u32>", RustSymbols.demangle("_RINvC1a1fFG_RL_mEmE"));
        assertEquals("a::f::<for<'a, 'b> fn(&'b u32)>", RustSymbols.demangle("_RINvC1a1fFG0_RL0_mEuE"));
        assertEquals("a::f::<dyn a::T + a::Send>", RustSymbols.demangle("_RINvC1a1fDNtC1a1TNtC1a4SendEL_E"));
        assertEquals("a::f::<dyn for<'a> a::T<&'a u8, X = u64>>",
                RustSymbols.demangle("_RINvC1a1fDG_INtC1a1TRL0_hEp1XyEL_E"));
        assertEquals("<std::thing::Box<dyn std::ops::Fn> as std::clone::Clone>::clone",
                RustSymbols.demangle("_RNvXs_NtC3std5thingINtB4_3BoxDNtNtB6_3ops2FnEL_ENtNtB6_5clone5Clone5clone"));
        assertEquals("a::f::<&mut *mut *const i32>", RustSymbols.demangle("_RINvC1a1fQL_OPlE"));
        assertEquals("a::f::<[(i32, u8)]>", RustSymbols.demangle("_RINvC1a1fSTlhEE"));
        assertEquals("a::f::<(i32,)>", RustSymbols.demangle("_RINvC1a1fTlEE"));
        assertEquals("a::f::<()>", RustSymbols.demangle("_RINvC1a1fTEE"));
        assertEquals("a::f::<[u8; 4]>", RustSymbols.demangle("_RINvC1a1fAhj4_E"));
    }

    @Test
    void v0ConstantsHaveTypeSuffixesOnlyInTheLongForm() {
        both("_RINvC1a1fKj3_E", "a::f::<3>", "a[0]::f::<3usize>");
        both("_RINvC1a1fKanff_E", "a::f::<-255>", "a[0]::f::<-255i8>");
        assertEquals("a::f::<true>", RustSymbols.demangle("_RINvC1a1fKb1_E"));
        assertEquals("a::f::<'a'>", RustSymbols.demangle("_RINvC1a1fKc61_E"));
        assertEquals("a::f::<_>", RustSymbols.demangle("_RINvC1a1fKpE"));
        assertEquals("a::f::<\"abc\">", RustSymbols.demangle("_RINvC1a1fKRe616263_E"));
        assertEquals("a::f::<{a::Foo { x: 1, y: true }}>", RustSymbols.demangle("_RINvC1a1fKVNtC1a3FooS1xj1_1yb1_EE"));
        assertEquals("a::f::<{[(1, 2)]}>", RustSymbols.demangle("_RINvC1a1fKATj1_j2_EEE"));
    }

    @Test
    void v0PunycodeIdentifiersAreDecoded() {
        // synthetic; rustc writes '_' for punycode's last '-' and keeps its digits
        assertEquals("test::café", RustSymbols.demangle("_RNvC4testu7caf_dma"));
        assertEquals("test::føø", RustSymbols.demangle("_RNvC4testu6f_5gaa"));
        assertEquals("test::铁锈", RustSymbols.demangle("_RNvC4testu6n84amf"));
        assertEquals("test::\uD83E\uDD26", RustSymbols.demangle("_RNvC4testu4fq9h"));
        assertEquals("test::α_ω", RustSymbols.demangle("_RNvC4testu7___ylb7e"));
        assertEquals("test::ρυστ", RustSymbols.demangle("_RNvC4testu6_2xaedc"));
        assertNull(RustSymbols.parse("_RNvC4testu7caf_dma").note());
    }

    @Test
    void undecodablePunycodeIsShownAsWrittenWithANote() {
        RustSymbols.Demangled d = RustSymbols.parse("_RNvC4testu3a_9");
        assertNotNull(d);
        assertEquals("test::ua_9", d.shortName());
        assertNotNull(d.note());
    }

    @Test
    void v0VendorSuffixIsIgnored() {
        assertEquals("test::foo", RustSymbols.demangle("_RNvC4test3foo.llvm.123456"));
    }

    // --- not Rust, or malformed

    @Test
    void otherNamesAreNotRustSymbols() {
        assertNull(RustSymbols.demangle("atomic_read_add"));
        assertNull(RustSymbols.demangle("rust_helper_atomic_read"));
        assertNull(RustSymbols.demangle("_Z3foov"));
        assertNull(RustSymbols.demangle("_ZN3foo3barEv"), "an Itanium C++ name with parameter types");
        assertNull(RustSymbols.demangle("_ZNK3foo3barEv"));
        assertNull(RustSymbols.demangle(""));
        assertNull(RustSymbols.demangle(null));
        assertEquals("rs_helper_ctrl", RustSymbols.displayName("rs_helper_ctrl"));
        assertEquals("deps::ctrl_dep", RustSymbols.displayName("_ZN4deps8ctrl_dep17h12674d651f4056bcE"));
    }

    @Test
    void malformedV0IsRefused() {
        assertNull(RustSymbols.demangle("_R"));
        assertNull(RustSymbols.demangle("_RB_"), "a back-reference must point backwards");
        assertNull(RustSymbols.demangle("_RNvB_1a"));
        assertNull(RustSymbols.demangle("_RNvC99xyz"), "a length past the end");
        assertNull(RustSymbols.demangle("_RNvNtCs1234_4core3st"), "truncated");
        assertNull(RustSymbols.demangle("_R1NvC1a1f"), "only encoding version 0 exists");
        assertNull(RustSymbols.demangle("_RINvC1a1fKVNtC1a3BazTKc41_EE"));
        assertNull(RustSymbols.demangle("_RNvC4test3fooXYZ"), "trailing garbage");
    }

    @Test
    void exponentialBackReferencesAreRefusedQuickly() {
        // synthetic: each tuple holds two back-references to the previous one, doubling the output 40 times
        StringBuilder s = new StringBuilder("INvC1a1f");
        int prev = s.length();
        s.append('u');
        for (int i = 0; i < 40; i++) {
            int here = s.length();
            s.append('T').append('B').append(base62(prev)).append('B').append(base62(prev)).append('E');
            prev = here;
        }
        s.append('E');
        String symbol = "_R" + s;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertNull(RustSymbols.demangle(symbol)));
    }

    private static String base62(int v) {
        if (v == 0) return "_";
        String digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        int x = v - 1;
        StringBuilder sb = new StringBuilder();
        do { sb.insert(0, digits.charAt(x % 62)); x /= 62; } while (x > 0);
        return sb.append('_').toString();
    }

    // --- matching by path

    @Test
    void plainPathDropsGenericArgumentsAndImplBrackets() {
        assertEquals("core::sync::atomic::AtomicPtr::load",
                RustSymbols.plainPath("<core::sync::atomic::AtomicPtr<generic::Rec>>::load"));
        assertEquals("core::sync::atomic::AtomicPtr::load", RustSymbols.plainPath("core::sync::atomic::AtomicPtr<T>::load"));
        assertEquals("core::ptr::read_volatile", RustSymbols.plainPath("core::ptr::read_volatile::<u64>"));
        assertEquals("core::ptr::mut_ptr::is_null", RustSymbols.plainPath("core::ptr::mut_ptr::<impl *mut T>::is_null"));
        assertEquals("core::cmp::PartialEq::ne", RustSymbols.plainPath("<u64 as core::cmp::PartialEq>::ne"));
        assertEquals("a::f", RustSymbols.plainPath("a::f::<fn() -> u8>"));
        assertEquals("deps::data_dep", RustSymbols.plainPath("deps::data_dep"));
    }

    @Test
    void looksMangledChecksOnlyThePrefix() {
        assertTrue(RustSymbols.looksMangled("_ZN4deps8data_dep17h1d8d355be2cae346E"));
        assertTrue(RustSymbols.looksMangled("_RNvC4test3foo"));
        assertFalse(RustSymbols.looksMangled("rust_helper_atomic_read"));
    }
}
