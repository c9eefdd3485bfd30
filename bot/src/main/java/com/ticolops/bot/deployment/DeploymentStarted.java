package com.ticolops.bot.deployment;

/** A deployment was recorded and holds its environment: its executor is called once the recording transaction commits. */
public record DeploymentStarted(long deploymentId) {
}
