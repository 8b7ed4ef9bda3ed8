#pragma once

#include <QMainWindow>

namespace Knot {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace Knot
