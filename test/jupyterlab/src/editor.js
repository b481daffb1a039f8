/*
 * Cell editors: CodeMirror bound to each cell's shared (Yjs) model, as JupyterLab does; only the
 * TypeScript/JavaScript language is registered, since every cell here is TypeScript.
 */
import {
  CodeMirrorEditorFactory, CodeMirrorMimeTypeService, EditorExtensionRegistry, EditorLanguageRegistry,
  EditorThemeRegistry, ybinding,
} from "@jupyterlab/codemirror";

function extensionRegistry() {
  const themes = new EditorThemeRegistry();
  for (const theme of EditorThemeRegistry.getDefaultThemes()) themes.addTheme(theme);
  const registry = new EditorExtensionRegistry();
  for (const factory of EditorExtensionRegistry.getDefaultExtensions({ themes })) registry.addExtension(factory);
  registry.addExtension({
    name: "shared-model-binding",
    factory: ({ model }) => EditorExtensionRegistry.createImmutableExtension(
      ybinding({ ytext: model.sharedModel.ysource, undoManager: model.sharedModel.undoManager ?? undefined }),
    ),
  });
  return registry;
}

export function createEditorServices() {
  const languages = new EditorLanguageRegistry();
  for (const language of EditorLanguageRegistry.getDefaultLanguages()) {
    if (["javascript", "typescript"].includes(language.name.toLowerCase())) languages.addLanguage(language);
  }
  const factory = new CodeMirrorEditorFactory({ extensions: extensionRegistry(), languages });
  return { editorFactory: factory.newInlineEditor, mimeTypeService: new CodeMirrorMimeTypeService(languages) };
}
