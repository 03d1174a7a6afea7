package io.shoprules.engine;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox of a rule set, enforced on what it compiled to rather than on its text: before any
 * generated class is loaded, every method it calls, field it touches, type it instantiates or
 * extends, and method handle it makes (lambdas included) is checked against the
 * {@link RuleCodeAllowList}. A text check can be fooled by a spelling; the class file names each
 * reference exactly once, resolved.
 *
 * <p>Classes that pass are then given their time budget: a call to {@link EvaluationBudget#check()}
 * at the start of every method and before every backward jump (every loop iteration), so a rule,
 * function or constraint that runs forever is stopped, not just a rule that re-fires forever.
 */
final class RuleCodeCheck {

    /**
     * A reference the allow-list refused: to {@code member} of {@code owner} (null for the type
     * itself), in {@code className}; {@code what} says it in words.
     */
    record Refusal(String className, String owner, String member, String what) {
        static Refusal ofMember(String className, String owner, String member) {
            return new Refusal(className, owner, member, (owner + "." + member).replace('/', '.'));
        }

        static Refusal ofType(String className, String type, String use) {
            return new Refusal(className, type, null, use + " " + type.replace('/', '.'));
        }
    }

    /** The class Drools generates from the module's kmodule.xml; none of it comes from a rule file. */
    private static final String PROJECT_MODEL = "org/drools/project/model/ProjectModel_";
    /** What that class uses to describe the module: the KIE API's model and options. */
    private static final List<String> PROJECT_MODEL_TYPES = List.of("org/kie/api/", "org/kie/util/maven/support/ReleaseIdImpl",
            "org/drools/modelcompiler/CanonicalKieModuleModel");
    /**
     * What Drools generates for an accumulate with inline code (init, action, result): a class
     * built on the classic runtime's internals, which read class files through a class loader.
     */
    private static final String INLINE_ACCUMULATE = "org/drools/base/rule/accessor/Accumulator";

    private static final String BUDGET = RuleCodeAllowList.internalName(EvaluationBudget.class);

    private final RuleCodeAllowList allowList;

    RuleCodeCheck(RuleCodeAllowList allowList) {
        this.allowList = allowList;
    }

    /**
     * Every refused reference in {@code classes} (internal name to class file). Classes of the set
     * may use each other freely; what they reach outside it must be on the allow-list.
     */
    List<Refusal> refusals(Map<String, byte[]> classes) {
        Set<String> own = new HashSet<>(classes.keySet());
        List<Refusal> refusals = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            boolean projectModel = entry.getKey().startsWith(PROJECT_MODEL);
            new ClassReader(entry.getValue()).accept(new ReferenceVisitor(own, projectModel, refusals), ClassReader.SKIP_DEBUG);
        }
        return dedupe(refusals);
    }

    /** The classes with a budget check at each method's start and before each backward jump. */
    Map<String, byte[]> withBudget(Map<String, byte[]> classes) {
        Map<String, byte[]> instrumented = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            ClassReader reader = new ClassReader(entry.getValue());
            // COMPUTE_MAXS: the inserted call takes and leaves nothing on the stack, so frames stay valid.
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new BudgetVisitor(writer), 0);
            instrumented.put(entry.getKey(), writer.toByteArray());
        }
        return instrumented;
    }

    private static List<Refusal> dedupe(List<Refusal> refusals) {
        Map<String, Refusal> byReference = new LinkedHashMap<>();
        for (Refusal refusal : refusals) {
            byReference.putIfAbsent(refusal.className() + " " + refusal.what(), refusal);
        }
        return List.copyOf(byReference.values());
    }

    private final class ReferenceVisitor extends ClassVisitor {
        private final Set<String> own;
        private final boolean projectModel;
        private final List<Refusal> refusals;
        private String className;

        ReferenceVisitor(Set<String> own, boolean projectModel, List<Refusal> refusals) {
            super(Opcodes.ASM9);
            this.own = own;
            this.projectModel = projectModel;
            this.refusals = refusals;
        }

        private boolean inlineAccumulate;

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            if (interfaces != null && List.of(interfaces).contains(INLINE_ACCUMULATE)) {
                inlineAccumulate = true;
                refusals.add(new Refusal(className, "accumulate", null, "accumulate with inline code (init, action, result):"
                        + " use an accumulate function such as sum, count, min, max, average or collectList"));
                return;
            }
            if (superName != null) {
                requireType(superName, "extends");
            }
            if (interfaces != null) {
                for (String type : interfaces) {
                    requireType(type, "implements");
                }
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (inlineAccumulate) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW) {
                        requireType(type, "new");
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                    requireMember(owner, field);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String memberDescriptor, boolean isInterface) {
                    requireMember(owner, member);
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String memberDescriptor, Handle bootstrap, Object... arguments) {
                    requireBootstrap(bootstrap);
                    requireConstants(arguments);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    requireConstants(new Object[] {value});
                }
            };
        }

        private void requireConstants(Object[] constants) {
            for (Object constant : constants) {
                if (constant instanceof Handle handle) {
                    requireHandle(handle);
                } else if (constant instanceof ConstantDynamic dynamic) {
                    requireBootstrap(dynamic.getBootstrapMethod());
                    Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
                    for (int i = 0; i < arguments.length; i++) {
                        arguments[i] = dynamic.getBootstrapMethodArgument(i);
                    }
                    requireConstants(arguments);
                }
            }
        }

        private void requireHandle(Handle handle) {
            boolean allowed = own.contains(handle.getOwner())
                    ? !allowList.forbidsEverywhere(handle.getName())
                    : allowList.allowsHandle(handle.getOwner(), handle.getName());
            if (!allowed) {
                Refusal refusal = Refusal.ofMember(className, handle.getOwner(), handle.getName());
                refusals.add(allowList.allowsMember(handle.getOwner(), handle.getName())
                        ? new Refusal(className, handle.getOwner(), handle.getName(),
                                "a method reference to " + refusal.what() + ": write it as a lambda")
                        : refusal);
            }
        }

        private void requireBootstrap(Handle bootstrap) {
            if (!allowList.allowsBootstrap(bootstrap.getOwner(), bootstrap.getName())) {
                refusals.add(Refusal.ofMember(className, bootstrap.getOwner(), bootstrap.getName()));
            }
        }

        private void requireType(String type, String use) {
            if (!own.contains(type) && !allowList.allowsType(type) && !projectModelType(type)) {
                refusals.add(Refusal.ofType(className, type, use));
            }
        }

        private void requireMember(String owner, String member) {
            boolean allowed = own.contains(owner)
                    ? !allowList.forbidsEverywhere(member)
                    : allowList.allowsMember(owner, member) || projectModelType(owner);
            if (!allowed) {
                refusals.add(Refusal.ofMember(className, owner, member));
            }
        }

        private boolean projectModelType(String type) {
            return projectModel && PROJECT_MODEL_TYPES.stream().anyMatch(type::startsWith);
        }
    }

    /** Inserts the budget check; see the class comment. */
    private static final class BudgetVisitor extends ClassVisitor {
        BudgetVisitor(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (next == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                return next;
            }
            return new MethodVisitor(Opcodes.ASM9, next) {
                private final Set<Label> seen = new HashSet<>();

                @Override
                public void visitCode() {
                    super.visitCode();
                    check();
                }

                @Override
                public void visitLabel(Label label) {
                    seen.add(label);
                    super.visitLabel(label);
                }

                @Override
                public void visitJumpInsn(int opcode, Label target) {
                    if (seen.contains(target)) {
                        check();
                    }
                    super.visitJumpInsn(opcode, target);
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label fallback, Label... targets) {
                    check();
                    super.visitTableSwitchInsn(min, max, fallback, targets);
                }

                @Override
                public void visitLookupSwitchInsn(Label fallback, int[] keys, Label[] targets) {
                    check();
                    super.visitLookupSwitchInsn(fallback, keys, targets);
                }

                private void check() {
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "check", "()V", false);
                }
            };
        }
    }
}
