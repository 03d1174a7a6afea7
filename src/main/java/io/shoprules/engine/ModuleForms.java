package io.shoprules.engine;

import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModuleProvider;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.compiler.kproject.models.KieModuleModelImpl;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.util.maven.support.ReleaseIdImpl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A compiled module in and out of its kept form (a jar's bytes) without Drools' own byte-array
 * path. Drools reads such a jar one byte per call ({@code MemoryFileSystem.readFromJar} calls
 * {@code read()} on the inflating stream for every byte), and registering a module from bytes
 * zips it again only to read it that way a second time: together about 0.3 s of CPU for the nine
 * shipped rule sets' kept forms in a start on 2 cores, a third of what serving them cost. Here the
 * jar is read entry by entry, and the module is registered from what was read, the way Drools'
 * repository registers one from bytes.
 */
final class ModuleForms {

    private ModuleForms() {
    }

    /** The files of a jar, as Drools' in-memory file system holds them (folders are implied by paths). */
    static MemoryFileSystem read(byte[] jar) {
        MemoryFileSystem module = new MemoryFileSystem();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (!entry.isDirectory()) {
                    module.write(entry.getName(), entries.readAllBytes(), true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable module", e);
        }
        return module;
    }

    /**
     * Registers {@code module} in Drools' repository under the release id its pom properties give,
     * as {@code KieRepository.addKieModule(Resource)} does for a jar's bytes.
     *
     * @throws IllegalArgumentException when the module has no descriptor or no pom properties
     */
    static KieModule register(KieServices kie, MemoryFileSystem module) {
        byte[] descriptor = module.getBytes(KieModuleModelImpl.KMODULE_JAR_PATH);
        String pomProperties = module.findPomProperties();
        if (descriptor == null || pomProperties == null) {
            throw new IllegalArgumentException("not a module: no " + KieModuleModelImpl.KMODULE_JAR_PATH.asString()
                    + (pomProperties == null ? " or pom.properties" : ""));
        }
        KieModuleModel model = KieModuleModelImpl.fromXML(new ByteArrayInputStream(descriptor));
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        ReleaseId releaseId = ReleaseIdImpl.fromPropertiesString(pomProperties);
        KieModule registered = InternalKieModuleProvider.get(releaseId, model, module);
        kie.getRepository().addKieModule(registered);
        return registered;
    }
}
