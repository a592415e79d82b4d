using Sim.Cli;

return SimCommand.Run(SimCommand.Create(), args);
