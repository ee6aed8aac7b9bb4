// SPDX-License-Identifier: Apache-2.0
/**
 * The statements and expressions of rules, as libnftables JSON names them:
 * {@link io.netns.nftables.expr.Statement.Match}, {@link io.netns.nftables.expr.Verdict},
 * {@link io.netns.nftables.expr.Statement.Nat} ...; {@link io.netns.nftables.expr.Expression.Payload},
 * {@link io.netns.nftables.expr.Expression.Meta}, {@link io.netns.nftables.expr.Expression.Value} ...
 */
package io.netns.nftables.expr;
