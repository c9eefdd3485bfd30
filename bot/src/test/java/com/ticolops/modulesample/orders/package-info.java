/** A sample module for ModuleBoundariesTest: declares that it may use shipping, and nothing else. */
@ApplicationModule(allowedDependencies = "shipping")
package com.ticolops.modulesample.orders;

import org.springframework.modulith.ApplicationModule;
