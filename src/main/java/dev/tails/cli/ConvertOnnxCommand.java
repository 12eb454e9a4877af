package dev.tails.cli;

import dev.tails.TailsException;
import dev.tails.io.onnx.OnnxBertConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tails convert-onnx MODEL.onnx OUT_DIR}: an ONNX BERT export to a Hugging Face folder. */
@Command(name = "convert-onnx", mixinStandardHelpOptions = true,
        description = "Convert an ONNX export of a BERT encoder (weights inside the file, float32) into a Hugging Face "
                + "model folder: config.json and model.safetensors read off the graph, plus tokenizer.json.")
public final class ConvertOnnxCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the ONNX model file")
    Path onnx;

    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "output folder (created; existing output files are not overwritten)")
    Path out;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "the model's tokenizer.json (default: beside MODEL.onnx or one folder up)")
    Path tokenizer;

    @Override
    public Integer call() {
        Path tokenizerJson = tokenizer != null ? tokenizer : OnnxBertConverter.tokenizerBeside(onnx);
        if (tokenizerJson == null) {
            throw new TailsException(onnx + ": no tokenizer.json beside it or one folder up; name it with --tokenizer");
        }
        StderrProgress progress = new StderrProgress();
        progress.stage("converting " + onnx);
        long start = System.nanoTime();
        var report = OnnxBertConverter.convert(onnx, tokenizerJson, out);
        progress.stage(String.format("wrote %s in %.1f s: %d tensors, %s, %s, LayerNorm eps %s%s", out,
                (System.nanoTime() - start) / 1e9, report.tensors(), report.dims(), report.hiddenAct(), report.layerNormEps(),
                report.unused().isEmpty() ? "" : "; left out " + report.unused()));
        return 0;
    }
}
