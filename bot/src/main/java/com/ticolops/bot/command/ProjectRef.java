package com.ticolops.bot.command;

public record ProjectRef(long id, String name) {
}
