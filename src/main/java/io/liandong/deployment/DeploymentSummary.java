package io.liandong.deployment;

/**
 * How much a deployment holds: what was imported or exported.
 *
 * @param members how many of the agencies are members resident in the hall
 */
public record DeploymentSummary(int agencies, int members, int zones, int seats, int categories, int plans) {

    @Override
    public String toString() {
        return agencies + " agencies (" + members + " members), " + zones + " zones, " + seats + " seats, " + categories
                + " categories, " + plans + " plans";
    }
}
