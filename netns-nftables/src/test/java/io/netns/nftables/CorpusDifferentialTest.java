// SPDX-License-Identifier: Apache-2.0
package io.netns.nftables;

import io.netns.NetworkNamespace;
import io.netns.testing.PrivilegedTest;
import io.netns.testing.TempNamespaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential of issue #14: each ruleset of the corpus (trivial tables to a host firewall
 * with sets, NAT and counters) applied by {@code nft -j -f} in one fresh namespace and by
 * {@link Nftables#apply(String)} in another. Both namespaces must list identically under
 * {@code nft -j list ruleset} (the kernel holds the same objects, handles included), and
 * {@link Nftables#rulesetJson()} must print exactly what {@code nft -j list ruleset} prints, in
 * both.
 */
@PrivilegedTest
class CorpusDifferentialTest {
    @RegisterExtension
    final TempNamespaces temp = new TempNamespaces();

    static List<String> corpus() {
        return NftOracle.corpus();
    }

    @Test
    void theCorpusHasAtLeastFortyRulesets() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void nftAndApplyMakeTheSameRuleset(String name) {
        String json = NftOracle.resource("corpus/" + name + ".json");
        Path file = NftOracle.resourceFile("corpus/" + name + ".json");
        NetworkNamespace byNft = temp.create("nftd");
        NetworkNamespace byJava = temp.create("nftd");
        String nftNs = TempNamespaces.name(byNft);
        String javaNs = TempNamespaces.name(byJava);

        NftOracle.applyFile(nftNs, file);
        try (Nftables nft = Nftables.open(byJava)) {
            nft.apply(json);
        }

        String viaNft = NftOracle.listing(nftNs);
        String viaJava = NftOracle.listing(javaNs);
        assertThat(viaJava).as("nft -j list ruleset after apply, against after nft -j -f").isEqualTo(viaNft);
        try (Nftables a = Nftables.open(byNft); Nftables b = Nftables.open(byJava)) {
            assertThat(a.rulesetJson()).as("rulesetJson() where nft applied").isEqualTo(viaNft);
            assertThat(b.rulesetJson()).as("rulesetJson() where apply applied").isEqualTo(viaJava);
        }
    }
}
